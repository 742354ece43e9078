"""Typing stubs for ``talon_dyn.Client`` and ``AsyncClient``: Talon.One Integration API 1.0.0.

Rendered from the spec by ``talon-dyn stubs``; do not edit (``make docs`` renders it again).
Type checkers read ``talon_dyn.Client`` from here; at run time it is ``talon_dyn._client.Client``.
"""

import os
from collections.abc import Mapping, Sequence
from typing import Any, Generic, Literal, NotRequired, Self, TypeAlias, TypedDict, TypeVar

import httpx

from ._operation import ApiResponse, Mode
from ._retry import Retry
from ._spec import Operation, Spec

_T = TypeVar("_T")

class TypedApiResponse(ApiResponse, Generic[_T]):
    """What ``client.with_response.<operation>(...)`` returns, with ``data`` typed."""

    data: _T

class APIError(TypedDict):
    title: str
    details: NotRequired[str]
    source: ErrorSource

class AcceptCouponEffectProps(TypedDict):
    """The properties specific to the "acceptCoupon" effect. This gets triggered whenever the coupon is valid and all
    other conditions in the rules of its campaign are met.
    """

    value: str

class AcceptReferralEffectProps(TypedDict):
    """The properties specific to the "acceptReferral" effect. TThis gets triggered whenever the referral code is valid
    and all other conditions in the rules of its campaign are met.
    """

    value: str

class AddFreeItemEffectProps(TypedDict):
    """The properties specific to the "addFreeItem" effect. This gets triggered whenever a validated rule contained an
    "add free item" effect.
    """

    sku: str
    name: str

class AddLoyaltyPointsEffectProps(TypedDict):
    """The properties specific to the "addLoyaltyPoints" effect. This gets triggered whenever a validated rule contained
    an "add loyalty" effect. These points are automatically stored and managed inside Talon.One.
    """

    name: str
    programId: int
    subLedgerId: str
    value: float
    recipientIntegrationId: str
    expiryCondition: str

class AdditionalCost(TypedDict):
    price: float

class Campaign(TypedDict):
    id: int
    created: str
    applicationId: int
    userId: int
    name: str
    description: str
    startTime: NotRequired[str]
    endTime: NotRequired[str]
    attributes: NotRequired[Mapping[str, Any]]
    state: Literal["enabled", "disabled", "archived"]
    activeRulesetId: NotRequired[int]
    tags: Sequence[str]
    features: Sequence[Literal["coupons", "referrals", "loyalty"]]
    couponSettings: NotRequired[CodeGeneratorSettings]
    referralSettings: NotRequired[CodeGeneratorSettings]
    limits: Sequence[LimitConfig]
    couponRedemptionCount: NotRequired[int]
    referralRedemptionCount: NotRequired[int]
    discountCount: NotRequired[int]
    discountEffectCount: NotRequired[int]
    couponCreationCount: NotRequired[int]
    lastActivity: NotRequired[str]
    updated: NotRequired[str]
    createdBy: NotRequired[str]
    updatedBy: NotRequired[str]

class CartItem(TypedDict):
    name: str
    sku: str
    quantity: int
    price: float
    category: NotRequired[str]
    weight: NotRequired[float]
    height: NotRequired[float]
    width: NotRequired[float]
    length: NotRequired[float]
    position: NotRequired[float]
    attributes: NotRequired[Mapping[str, Any]]
    adjustment: NotRequired[CartItemAdjustment]

class CartItemAdjustment(TypedDict):
    payFromLoyaltyProgram: int
    pointPayment: int
    remainingPrice: NotRequired[float]

class CodeGeneratorSettings(TypedDict):
    validCharacters: Sequence[str]
    couponPattern: str

class Coupon(TypedDict):
    id: int
    created: str
    campaignId: int
    value: str
    usageLimit: int
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    usageCounter: int
    attributes: NotRequired[Mapping[str, Any]]
    referralId: NotRequired[int]
    recipientIntegrationId: NotRequired[str]
    importId: NotRequired[int]
    reservation: NotRequired[bool]
    batchId: NotRequired[str]

class CouponCreatedEffectProps(TypedDict):
    """The properties specific to the "couponCreated" effect. This gets triggered whenever a validated rule contained a
    "create coupon" effect, and a coupon was created for a customer. See "createdCoupons" on the response for all
    details of this coupon.
    """

    value: str
    profileId: str

class CouponRejectionReason(TypedDict):
    """Holds a reference to the campaign, the coupon and the reason for which that coupon was rejected. Should only be
    present when there is a 'rejectCoupon' effect.
    """

    campaignId: int
    couponId: int
    reason: Literal[
        "CouponNotFound",
        "CouponPartOfNotRunningCampaign",
        "CouponValidConditionMissing",
        "CouponLimitReached",
        "CampaignLimitReached",
        "ProfileLimitReached",
        "CouponRecipientDoesNotMatch",
        "CouponExpired",
        "CouponStartDateInFuture",
        "CouponRejectedByCondition",
        "EffectCouldNotBeApplied",
    ]

class CouponReservations(TypedDict):
    integrationIDs: Sequence[str]

class CustomerInventory(TypedDict):
    profile: NotRequired[CustomerProfile]
    referrals: NotRequired[Sequence[Referral]]

class CustomerProfile(TypedDict):
    integrationId: str
    created: str
    attributes: Mapping[str, Any]
    accountId: int
    closedSessions: int
    totalSales: float
    loyaltyMemberships: NotRequired[Sequence[LoyaltyMembership]]
    lastActivity: str

class CustomerSession(TypedDict):
    integrationId: str
    created: str
    applicationId: int
    profileId: str
    coupon: str
    referral: str
    state: Literal["open", "closed", "cancelled"]
    cartItems: Sequence[CartItem]
    identifiers: NotRequired[Sequence[str]]
    total: float
    attributes: Mapping[str, Any]
    firstSession: bool
    discounts: Mapping[str, float]

class CustomerSessionV2(TypedDict):
    integrationId: str
    created: str
    applicationId: int
    profileId: str
    couponCodes: NotRequired[Sequence[str]]
    referralCode: NotRequired[str]
    state: Literal["open", "closed", "cancelled"]
    cartItems: Sequence[CartItem]
    additionalCosts: NotRequired[Mapping[str, AdditionalCost]]
    identifiers: NotRequired[Sequence[str]]
    attributes: Mapping[str, Any]
    firstSession: bool
    total: float
    cartItemTotal: float
    additionalCostTotal: float

class DeductLoyaltyPointsEffectProps(TypedDict):
    """The properties specific to the "deductLoyaltyPoints" effect. This gets triggered whenever a validated rule
    contained a condition to only trigger when the given number of loyalty points could be deduced. These points are
    automatically stored and managed inside Talon.One.
    """

    ruleTitle: str
    programId: int
    subLedgerId: str
    value: float

class AcceptCouponEffect(TypedDict):
    """An Effect whose effectType is 'acceptCoupon': props is AcceptCouponEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["acceptCoupon"]
    props: AcceptCouponEffectProps

class AcceptReferralEffect(TypedDict):
    """An Effect whose effectType is 'acceptReferral': props is AcceptReferralEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["acceptReferral"]
    props: AcceptReferralEffectProps

class AddFreeItemEffect(TypedDict):
    """An Effect whose effectType is 'addFreeItem': props is AddFreeItemEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["addFreeItem"]
    props: AddFreeItemEffectProps

class AddLoyaltyPointsEffect(TypedDict):
    """An Effect whose effectType is 'addLoyaltyPoints': props is AddLoyaltyPointsEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["addLoyaltyPoints"]
    props: AddLoyaltyPointsEffectProps

class CouponCreatedEffect(TypedDict):
    """An Effect whose effectType is 'couponCreated': props is CouponCreatedEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["couponCreated"]
    props: CouponCreatedEffectProps

class DeductLoyaltyPointsEffect(TypedDict):
    """An Effect whose effectType is 'deductLoyaltyPoints': props is DeductLoyaltyPointsEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["deductLoyaltyPoints"]
    props: DeductLoyaltyPointsEffectProps

class ErrorEffect(TypedDict):
    """An Effect whose effectType is 'error': props is ErrorEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["error"]
    props: ErrorEffectProps

class RedeemReferralEffect(TypedDict):
    """An Effect whose effectType is 'redeemReferral': props is RedeemReferralEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["redeemReferral"]
    props: RedeemReferralEffectProps

class ReferralCreatedEffect(TypedDict):
    """An Effect whose effectType is 'referralCreated': props is ReferralCreatedEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["referralCreated"]
    props: ReferralCreatedEffectProps

class RejectCouponEffect(TypedDict):
    """An Effect whose effectType is 'rejectCoupon': props is RejectCouponEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rejectCoupon"]
    props: RejectCouponEffectProps

class RejectReferralEffect(TypedDict):
    """An Effect whose effectType is 'rejectReferral': props is RejectReferralEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rejectReferral"]
    props: RejectReferralEffectProps

class RollbackCouponEffect(TypedDict):
    """An Effect whose effectType is 'rollbackCoupon': props is RollbackCouponEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackCoupon"]
    props: RollbackCouponEffectProps

class RollbackDiscountEffect(TypedDict):
    """An Effect whose effectType is 'rollbackDiscount': props is RollbackDiscountEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackDiscount"]
    props: RollbackDiscountEffectProps

class SetDiscountEffect(TypedDict):
    """An Effect whose effectType is 'setDiscount': props is SetDiscountEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setDiscount"]
    props: SetDiscountEffectProps

class SetDiscountPerItemEffect(TypedDict):
    """An Effect whose effectType is 'setDiscountPerItem': props is SetDiscountPerItemEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setDiscountPerItem"]
    props: SetDiscountPerItemEffectProps

class ShowBundleMetadataEffect(TypedDict):
    """An Effect whose effectType is 'showBundleMetadata': props is ShowBundleMetadataEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["showBundleMetadata"]
    props: ShowBundleMetadataEffectProps

class ShowNotificationEffect(TypedDict):
    """An Effect whose effectType is 'showNotification': props is ShowNotificationEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["showNotification"]
    props: ShowNotificationEffectProps

class TriggerWebhookEffect(TypedDict):
    """An Effect whose effectType is 'triggerWebhook': props is TriggerWebhookEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["triggerWebhook"]
    props: TriggerWebhookEffectProps

class UpdateAttributeEffect(TypedDict):
    """An Effect whose effectType is 'updateAttribute': props is UpdateAttributeEffectProps."""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["updateAttribute"]
    props: UpdateAttributeEffectProps

Effect: TypeAlias = (
    AcceptCouponEffect
    | AcceptReferralEffect
    | AddFreeItemEffect
    | AddLoyaltyPointsEffect
    | CouponCreatedEffect
    | DeductLoyaltyPointsEffect
    | ErrorEffect
    | RedeemReferralEffect
    | ReferralCreatedEffect
    | RejectCouponEffect
    | RejectReferralEffect
    | RollbackCouponEffect
    | RollbackDiscountEffect
    | SetDiscountEffect
    | SetDiscountPerItemEffect
    | ShowBundleMetadataEffect
    | ShowNotificationEffect
    | TriggerWebhookEffect
    | UpdateAttributeEffect
)

class EffectEntity(TypedDict):
    """Definition of all properties that are present on all effects, independent of their type"""

    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: str

EffectProps: TypeAlias = Mapping[str, Any]

class ErrorEffectProps(TypedDict):
    """Whenever an error occurred during evaluation, we return an error effect. This should never happen for rules
    created in the rule builder.
    """

    message: str

class ErrorResponse(TypedDict):
    message: str
    errors: NotRequired[Sequence[APIError]]

class ErrorSource(TypedDict):
    """The source of the current error, exactly one of `pointer`, `parameter` or `line` will be defined."""

    pointer: NotRequired[str]
    parameter: NotRequired[str]
    line: NotRequired[str]
    resource: NotRequired[str]

class Event(TypedDict):
    id: int
    created: str
    applicationId: int
    profileId: NotRequired[str]
    type: str
    attributes: Mapping[str, Any]
    sessionId: NotRequired[str]
    effects: Sequence[Sequence[Any]]
    ledgerEntries: Sequence[LedgerEntry]
    meta: NotRequired[Meta]

class IntegrationRequest(TypedDict):
    """The body of a V2 integration API request (customer session update). Next to the customer session details, this
    contains an optional listing of extra properties that should be returned in the response.
    """

    customerSession: NewCustomerSessionV2
    responseContent: NotRequired[
        Sequence[
            Literal[
                "customerSession", "customerProfile", "coupons", "triggeredCampaigns", "referral", "loyalty", "event"
            ]
        ]
    ]

class IntegrationState(TypedDict):
    """Contains all state that might interest application integration plugins. This is the response type returned by all
    of the Integration API operations.
    """

    session: CustomerSession
    profile: CustomerProfile
    event: Event
    loyalty: NotRequired[Loyalty]
    coupon: NotRequired[Coupon]

class IntegrationStateV2(TypedDict):
    """Contains all entities that might interest Talon.One integrations. This is the response type returned by the V2
    PUT customer_session endpoint
    """

    customerSession: NotRequired[CustomerSessionV2]
    customerProfile: NotRequired[CustomerProfile]
    event: NotRequired[Event]
    loyalty: NotRequired[Loyalty]
    referral: NotRequired[Referral]
    coupons: NotRequired[Sequence[Coupon]]
    triggeredCampaigns: NotRequired[Sequence[Campaign]]
    effects: Sequence[Effect]
    createdCoupons: Sequence[Coupon]
    createdReferrals: Sequence[Referral]

class LedgerEntry(TypedDict):
    id: int
    created: str
    profileId: str
    accountId: int
    loyaltyProgramId: int
    eventId: int
    amount: int
    reason: str
    expiryDate: str
    referenceId: NotRequired[int]

class LimitConfig(TypedDict):
    action: Literal["redeemCoupon", "redeemReferral", "setDiscount", "createCoupon", "setDiscountEffect"]
    limit: float
    entities: Sequence[Literal["Coupon", "Referral", "Profile", "Identifier"]]

class Loyalty(TypedDict):
    """Customer specific information about loyalty points."""

    programs: Mapping[str, LoyaltyProgramLedgers]

class LoyaltyMembership(TypedDict):
    joined: NotRequired[str]
    loyaltyProgramId: int

class LoyaltyProgramBalance(TypedDict):
    """The balance in a Loyalty Program for some Customer."""

    currentBalance: float

class LoyaltyProgramLedgers(TypedDict):
    """Customer specific information about loyalty points."""

    title: str
    name: str
    ledger: LoyaltyProgramBalance
    subLedgers: NotRequired[Mapping[str, LoyaltyProgramBalance]]

class Meta(TypedDict):
    campaigns: NotRequired[Mapping[str, Any]]
    coupons: NotRequired[Mapping[str, Any]]
    couponRejectionReason: NotRequired[CouponRejectionReason]
    referralRejectionReason: NotRequired[ReferralRejectionReason]
    warnings: NotRequired[Mapping[str, Any]]

class NewCustomerProfile(TypedDict):
    attributes: NotRequired[Mapping[str, Any]]

class NewCustomerSession(TypedDict):
    profileId: NotRequired[str]
    coupon: NotRequired[str]
    referral: NotRequired[str]
    state: NotRequired[Literal["open", "closed", "cancelled"]]
    cartItems: NotRequired[Sequence[CartItem]]
    identifiers: NotRequired[Sequence[str]]
    total: NotRequired[float]
    attributes: NotRequired[Mapping[str, Any]]

class NewCustomerSessionV2(TypedDict):
    profileId: NotRequired[str]
    couponCodes: NotRequired[Sequence[str]]
    referralCode: NotRequired[str]
    state: NotRequired[Literal["open", "closed", "cancelled"]]
    cartItems: NotRequired[Sequence[CartItem]]
    additionalCosts: NotRequired[Mapping[str, AdditionalCost]]
    identifiers: NotRequired[Sequence[str]]
    attributes: NotRequired[Mapping[str, Any]]

class NewEvent(TypedDict):
    profileId: NotRequired[str]
    type: str
    attributes: Mapping[str, Any]
    sessionId: str

class NewReferral(TypedDict):
    campaignId: int
    advocateProfileIntegrationId: str
    friendProfileIntegrationId: NotRequired[str]
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]

class RedeemReferralEffectProps(TypedDict):
    """The properties specific to the "redeemReferral" effect. This gets triggered whenever the referral code is valid,
    and a rule was triggered that contains a "redeem referral" effect.
    """

    id: int
    value: str

class Referral(TypedDict):
    id: int
    created: str
    campaignId: int
    advocateProfileIntegrationId: str
    friendProfileIntegrationId: NotRequired[str]
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    code: str
    usageCounter: int
    usageLimit: int

class ReferralCreatedEffectProps(TypedDict):
    """The properties specific to the "referralCreated" effect. This gets triggered whenever a validated rule contained
    a "create referral" effect, and a referral code was created for a customer. See "createdReferrals" on the
    response for all details of this referral code.
    """

    value: str

class ReferralRejectionReason(TypedDict):
    """Holds a reference to the campaign, the referral and the reason for which that referral was rejected. Should only
    be present when there is a 'rejectReferral' effect.
    """

    campaignId: int
    referralId: int
    reason: Literal[
        "ReferralNotFound",
        "ReferralRecipientIdSameAsAdvocate",
        "ReferralPartOfNotRunningCampaign",
        "ReferralValidConditionMissing",
        "ReferralLimitReached",
        "CampaignLimitReached",
        "ProfileLimitReached",
        "ReferralRecipientDoesNotMatch",
        "ReferralExpired",
        "ReferralStartDateInFuture",
        "ReferralRejectedByCondition",
        "EffectCouldNotBeApplied",
    ]

class RejectCouponEffectProps(TypedDict):
    """The properties specific to the "rejectCoupon" effect. This gets triggered whenever the coupon was rejected. See
    rejectionReason for more info on why.
    """

    value: str
    rejectionReason: str

class RejectReferralEffectProps(TypedDict):
    """The properties specific to the "rejectReferral" effect. This gets triggered whenever the referral code was
    rejected. See rejectionReason for more info on why.
    """

    value: str
    rejectionReason: str

class RollbackCouponEffectProps(TypedDict):
    """The properties specific to the "rollbackCoupon" effect. This gets triggered whenever previously closed session is
    now cancelled and a coupon redemption was cancelled on our internal usage limit counters.
    """

    value: str

class RollbackDiscountEffectProps(TypedDict):
    """The properties specific to the "rollbackDiscount" effect. This gets triggered whenever previously closed session
    is now cancelled and a setDiscount effect was cancelled on our internal discount limit counters.
    """

    name: str
    value: float

class SetDiscountEffectProps(TypedDict):
    """The properties specific to the "setDiscount" effect. This gets triggered whenever a validated rule contained a
    "set discount" effect. This is a discount that should be applied globally on the session total.
    """

    name: str
    value: float

class SetDiscountPerItemEffectProps(TypedDict):
    """The properties specific to the "setDiscountPerItem" effect. This gets triggered whenever a validated rule
    contained a "set per item discount" effect. This is a discount that should be applied on a specific item.
    """

    name: str
    value: float
    position: float

class ShowBundleMetadataEffectProps(TypedDict):
    """The properties specific to the "ShowBundleMetadata" effect. This effect contains information that allows you to
    associate the discounts from a rule in a bundle campaign with specific cart items. This way you can distinguish
    from "normal" discounts that were not the result of a product bundle.
    """

    description: str
    bundleAttributes: Sequence[str]
    itemsIndices: Sequence[float]

class ShowNotificationEffectProps(TypedDict):
    """The properties specific to the "showNotification" effect. This gets triggered whenever a validated rule contained
    a "show notification" effect.
    """

    notificationType: str
    title: str
    body: str

class TriggerWebhookEffectProps(TypedDict):
    """The properties specific to the "triggerWebhook" effect. This gets triggered whenever a validated rule contained a
    "trigger webhook" effect. This is communicated as an FYI and should usually not require action on your side.
    """

    webhookId: float
    webhookName: str

class UpdateAttributeEffectProps(TypedDict):
    """The properties specific to the "updateAttribute" effect. This gets triggered whenever a validated rule contained
    an "update an attribute" effect.
    """

    path: str
    value: Any

class InlineResponse200(TypedDict):
    totalResultSize: int
    data: Sequence[CustomerProfile]

class InlineResponse2001(TypedDict):
    totalResultSize: int
    data: Sequence[Coupon]

class _ClientWithResponse:
    def create_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[Coupon]:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    def create_referral(
        self,
        body: NewReferral,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[Referral]:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    def delete_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[None]:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    def delete_customer_data(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[None]:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[CustomerInventory]:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    def get_reserved_coupons(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[InlineResponse2001]:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    def get_reserved_customers(
        self,
        coupon_value: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[InlineResponse200]:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    def track_event(
        self,
        body: NewEvent,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationState]:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    def update_customer_profile(
        self,
        integration_id: str,
        body: NewCustomerProfile,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    def update_customer_session(
        self,
        customer_session_id: str,
        body: NewCustomerSession,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2

class _AsyncClientWithResponse:
    async def create_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[Coupon]:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    async def create_referral(
        self,
        body: NewReferral,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[Referral]:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    async def delete_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[None]:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    async def delete_customer_data(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[None]:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    async def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[CustomerInventory]:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    async def get_reserved_coupons(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[InlineResponse2001]:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    async def get_reserved_customers(
        self,
        coupon_value: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[InlineResponse200]:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    async def track_event(
        self,
        body: NewEvent,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationState]:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    async def update_customer_profile(
        self,
        integration_id: str,
        body: NewCustomerProfile,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    async def update_customer_session(
        self,
        customer_session_id: str,
        body: NewCustomerSession,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    async def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2

class Client:
    """A synchronous client: one method per operation of the spec."""

    spec: Spec
    timeout: httpx.Timeout
    request_validation: Mode
    response_validation: Mode
    retry: Retry
    max_response_bytes: int
    with_response: _ClientWithResponse
    def __init__(
        self,
        *,
        spec: Spec | str | os.PathLike[str] | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        application_id: int | str | None = None,
        application_key: str | None = None,
        credentials: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout = ...,
        headers: Mapping[str, str] | None = None,
        transport: Any = None,
        request_validation: Mode = "strict",
        response_validation: Mode = "strict",
        retry: Retry | None = None,
        max_response_bytes: int = ...,
        overlays: Sequence[Any] = ...,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    @property
    def operations(self) -> Mapping[str, Operation]: ...
    @classmethod
    def from_spec(cls, path: str | os.PathLike[str] | None = None, **kwargs: Any) -> Self: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def create_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Coupon:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    def create_referral(
        self,
        body: NewReferral,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Referral:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    def delete_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    def delete_customer_data(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> CustomerInventory:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    def get_reserved_coupons(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> InlineResponse2001:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    def get_reserved_customers(
        self,
        coupon_value: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> InlineResponse200:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    def track_event(
        self,
        body: NewEvent,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationState:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    def update_customer_profile(
        self,
        integration_id: str,
        body: NewCustomerProfile,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationState:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    def update_customer_session(
        self,
        customer_session_id: str,
        body: NewCustomerSession,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationState:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationStateV2:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2

class AsyncClient:
    """An asyncio client whose operations are coroutine methods."""

    spec: Spec
    timeout: httpx.Timeout
    request_validation: Mode
    response_validation: Mode
    retry: Retry
    max_response_bytes: int
    with_response: _AsyncClientWithResponse
    def __init__(
        self,
        *,
        spec: Spec | str | os.PathLike[str] | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        application_id: int | str | None = None,
        application_key: str | None = None,
        credentials: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout = ...,
        headers: Mapping[str, str] | None = None,
        transport: Any = None,
        request_validation: Mode = "strict",
        response_validation: Mode = "strict",
        retry: Retry | None = None,
        max_response_bytes: int = ...,
        overlays: Sequence[Any] = ...,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    @property
    def operations(self) -> Mapping[str, Operation]: ...
    @classmethod
    def from_spec(cls, path: str | os.PathLike[str] | None = None, **kwargs: Any) -> Self: ...
    async def aclose(self) -> None: ...
    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *exc_info: object) -> None: ...
    async def create_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Coupon:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    async def create_referral(
        self,
        body: NewReferral,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Referral:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    async def delete_coupon_reservation(
        self,
        coupon_value: str,
        body: CouponReservations,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    async def delete_customer_data(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    async def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> CustomerInventory:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    async def get_reserved_coupons(
        self,
        integration_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> InlineResponse2001:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    async def get_reserved_customers(
        self,
        coupon_value: str,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> InlineResponse200:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    async def track_event(
        self,
        body: NewEvent,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationState:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    async def update_customer_profile(
        self,
        integration_id: str,
        body: NewCustomerProfile,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationState:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    async def update_customer_session(
        self,
        customer_session_id: str,
        body: NewCustomerSession,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationState:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    async def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | None = None,
        request_validation: Mode | None = None,
        response_validation: Mode | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> IntegrationStateV2:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2
