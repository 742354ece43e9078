"""The request bodies and answers of Talon.One Integration API 1.0.0 as TypedDicts, to annotate your own code.

Rendered from the spec by ``talon-dyn stubs --types``; do not edit (``make docs`` renders it again).
The same shapes type ``talon_dyn.Client``'s methods (TypedDicts compare by structure, so these are
accepted wherever the client expects them). Arrays are ``Sequence`` and maps ``Mapping``: a tuple or
a read-only mapping is accepted where the client only reads::

    from talon_dyn.types import CartItem

    cart: list[CartItem] = [{"name": "Shoes", "sku": "S1", "quantity": 1, "price": 80.0}]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, NotRequired, TypeAlias, TypedDict

__all__ = [
    "APIError",
    "AcceptCouponEffect",
    "AcceptCouponEffectProps",
    "AcceptReferralEffect",
    "AcceptReferralEffectProps",
    "AddFreeItemEffect",
    "AddFreeItemEffectProps",
    "AddLoyaltyPointsEffect",
    "AddLoyaltyPointsEffectProps",
    "AdditionalCost",
    "Campaign",
    "CartItem",
    "CartItemAdjustment",
    "CodeGeneratorSettings",
    "Coupon",
    "CouponCreatedEffect",
    "CouponCreatedEffectProps",
    "CouponRejectionReason",
    "CouponReservations",
    "CustomerInventory",
    "CustomerProfile",
    "CustomerSession",
    "CustomerSessionV2",
    "DeductLoyaltyPointsEffect",
    "DeductLoyaltyPointsEffectProps",
    "Effect",
    "EffectEntity",
    "EffectProps",
    "ErrorEffect",
    "ErrorEffectProps",
    "ErrorResponse",
    "ErrorSource",
    "Event",
    "InlineResponse200",
    "InlineResponse2001",
    "IntegrationRequest",
    "IntegrationState",
    "IntegrationStateV2",
    "LedgerEntry",
    "LimitConfig",
    "Loyalty",
    "LoyaltyMembership",
    "LoyaltyProgramBalance",
    "LoyaltyProgramLedgers",
    "Meta",
    "NewCustomerProfile",
    "NewCustomerSession",
    "NewCustomerSessionV2",
    "NewEvent",
    "NewReferral",
    "RedeemReferralEffect",
    "RedeemReferralEffectProps",
    "Referral",
    "ReferralCreatedEffect",
    "ReferralCreatedEffectProps",
    "ReferralRejectionReason",
    "RejectCouponEffect",
    "RejectCouponEffectProps",
    "RejectReferralEffect",
    "RejectReferralEffectProps",
    "RollbackCouponEffect",
    "RollbackCouponEffectProps",
    "RollbackDiscountEffect",
    "RollbackDiscountEffectProps",
    "SetDiscountEffect",
    "SetDiscountEffectProps",
    "SetDiscountPerItemEffect",
    "SetDiscountPerItemEffectProps",
    "ShowBundleMetadataEffect",
    "ShowBundleMetadataEffectProps",
    "ShowNotificationEffect",
    "ShowNotificationEffectProps",
    "TriggerWebhookEffect",
    "TriggerWebhookEffectProps",
    "UpdateAttributeEffect",
    "UpdateAttributeEffectProps",
]


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


EffectProps: TypeAlias = "Mapping[str, Any]"


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
