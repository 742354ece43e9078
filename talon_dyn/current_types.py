"""The request bodies and answers of Talon.One Integration API (current) 2026 as TypedDicts, to annotate your own code.

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
    "AchievementProgress",
    "AchievementProgressWithDefinition",
    "AchievementStatusEntry",
    "ActivateLoyaltyPoints",
    "ActivateLoyaltyPointsResponse",
    "AddFreeItemEffect",
    "AddFreeItemEffectProps",
    "AddLoyaltyPointsEffect",
    "AddLoyaltyPointsEffectProps",
    "AddToAudienceEffect",
    "AddToAudienceEffectProps",
    "AdditionalCost",
    "AdjustmentDetails",
    "AttributeQuery",
    "Audience",
    "AudienceMembership",
    "AwardGiveawayEffect",
    "AwardGiveawayEffectProps",
    "BestPriorPrice",
    "BestPriorPriceMetadata",
    "BestPriorPriceRequest",
    "BestPriorPriceResponse",
    "BestPriorTarget",
    "Campaign",
    "CampaignBudget",
    "CardLedgerPointsEntryIntegrationAPI",
    "CardLedgerTransactionLogEntryIntegrationAPI",
    "CartItem",
    "Catalog",
    "CatalogAction",
    "CatalogSyncRequest",
    "ChangeLoyaltyTierLevelEffect",
    "ChangeLoyaltyTierLevelEffectProps",
    "CodeGeneratorSettings",
    "Coupon",
    "CouponCreatedEffect",
    "CouponCreatedEffectProps",
    "CouponRejectionReason",
    "CouponReservations",
    "CustomEffect",
    "CustomEffectProps",
    "CustomerInventory",
    "CustomerProfile",
    "CustomerProfileAudienceRequest",
    "CustomerProfileAudienceRequestItem",
    "CustomerProfileIntegrationRequestV2",
    "CustomerProfileIntegrationResponseV2",
    "CustomerProfileUpdateV2Response",
    "CustomerSessionV2",
    "DeductLoyaltyPointsEffect",
    "DeductLoyaltyPointsEffectProps",
    "DeleteLoyaltyTransactionsRequest",
    "Effect",
    "ErrorEffect",
    "ErrorEffectProps",
    "ErrorResponse",
    "ErrorResponseWithStatus",
    "ErrorSource",
    "Event",
    "EventV3",
    "ExperimentVariantAllocation",
    "ExtendLoyaltyPointsExpiryDateEffect",
    "ExtendLoyaltyPointsExpiryDateEffectProps",
    "GenerateLoyaltyCard",
    "Giveaway",
    "IncreaseAchievementProgressEffect",
    "IncreaseAchievementProgressEffectProps",
    "InfluencingCampaignDetails",
    "InlineResponse200",
    "InlineResponse2001",
    "InlineResponse2002",
    "InlineResponse2003",
    "InlineResponse2004",
    "InlineResponse2005",
    "InlineResponse2006",
    "InlineResponse2007",
    "InlineResponse201",
    "IntegrationCampaign",
    "IntegrationCoupon",
    "IntegrationCustomerSessionResponse",
    "IntegrationEventV2Request",
    "IntegrationEventV2Response",
    "IntegrationRequest",
    "IntegrationStateV2",
    "InventoryCoupon",
    "InventoryReferral",
    "LedgerEntry",
    "LedgerInfo",
    "LedgerPointsEntryIntegrationAPI",
    "LedgerTransactionLogEntryIntegrationAPI",
    "LimitConfig",
    "Loyalty",
    "LoyaltyBalance",
    "LoyaltyBalanceWithTier",
    "LoyaltyBalancesWithTiers",
    "LoyaltyCard",
    "LoyaltyCardBalances",
    "LoyaltyCardProfileRegistration",
    "LoyaltyCardRegistration",
    "LoyaltyLedgerEntry",
    "LoyaltyLedgerEntryExpiryDateChange",
    "LoyaltyLedgerEntryFlags",
    "LoyaltyMembership",
    "LoyaltyProgramLedgers",
    "Meta",
    "MultipleCustomerProfileIntegrationRequest",
    "MultipleCustomerProfileIntegrationRequestItem",
    "MultipleCustomerProfileIntegrationResponseV2",
    "NewAudience",
    "NewCustomerSessionV2",
    "NewReferral",
    "NewReferralsForMultipleAdvocates",
    "NewReturn",
    "PriceDetail",
    "Product",
    "ProfileAudiencesChanges",
    "ProjectedTier",
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
    "RemoveFromAudienceEffect",
    "RemoveFromAudienceEffectProps",
    "ReopenSessionResponse",
    "ReserveCouponEffect",
    "ReserveCouponEffectProps",
    "Return",
    "ReturnIntegrationRequest",
    "ReturnedCartItem",
    "RollbackAddedLoyaltyPointsEffect",
    "RollbackAddedLoyaltyPointsEffectProps",
    "RollbackCouponEffect",
    "RollbackCouponEffectProps",
    "RollbackDeductedLoyaltyPointsEffect",
    "RollbackDeductedLoyaltyPointsEffectProps",
    "RollbackDiscountEffect",
    "RollbackDiscountEffectProps",
    "RollbackIncreasedAchievementProgressEffect",
    "RollbackIncreasedAchievementProgressEffectProps",
    "RollbackReferralEffect",
    "RollbackReferralEffectProps",
    "RuleFailureReason",
    "SetDiscountEffect",
    "SetDiscountEffectProps",
    "SetDiscountPerAdditionalCostEffect",
    "SetDiscountPerAdditionalCostEffectProps",
    "SetDiscountPerAdditionalCostPerItemEffect",
    "SetDiscountPerAdditionalCostPerItemEffectProps",
    "SetDiscountPerItemEffect",
    "SetDiscountPerItemEffectProps",
    "SetLoyaltyPointsExpiryDateEffect",
    "SetLoyaltyPointsExpiryDateEffectProps",
    "ShowBundleMetadataEffect",
    "ShowBundleMetadataEffectProps",
    "ShowNotificationEffect",
    "ShowNotificationEffectProps",
    "StrikethroughEffect",
    "StrikethroughEffectProps",
    "StrikethroughSetDiscountPerItemEffect",
    "StrikethroughSetDiscountPerItemEffectProps",
    "StrikethroughSetDiscountPerItemMemberEffect",
    "StrikethroughSetDiscountPerItemMemberEffectProps",
    "Tier",
    "TimePoint",
    "TriggerWebhookEffect",
    "TriggerWebhookEffectProps",
    "UpdateAttributeEffect",
    "UpdateAttributeEffectProps",
    "UpdateAudience",
    "WillAwardGiveawayEffect",
    "WillAwardGiveawayEffectProps",
]


class Product(TypedDict):
    """The specific properties of the product this item belongs to, if available."""

    name: str


class AdditionalCost(TypedDict):
    price: float


class PriceDetail(TypedDict):
    price: NotRequired[float]
    adjustmentContextId: NotRequired[str]
    adjustmentReferenceId: NotRequired[str]
    adjustmentEffectiveFrom: NotRequired[str]
    adjustmentEffectiveUntil: NotRequired[str]


class CartItem(TypedDict):
    name: NotRequired[str]
    sku: str
    quantity: int
    returnedQuantity: NotRequired[int]
    remainingQuantity: NotRequired[int]
    price: NotRequired[float]
    category: NotRequired[str]
    product: NotRequired[Product]
    weight: NotRequired[float]
    height: NotRequired[float]
    width: NotRequired[float]
    length: NotRequired[float]
    position: NotRequired[float]
    attributes: NotRequired[Mapping[str, Any]]
    additionalCosts: NotRequired[Mapping[str, AdditionalCost]]
    catalogItemID: NotRequired[int]
    selectedPriceType: NotRequired[str]
    adjustmentReferenceId: NotRequired[str]
    adjustmentEffectiveFrom: NotRequired[str]
    adjustmentEffectiveUntil: NotRequired[str]
    prices: NotRequired[Mapping[str, PriceDetail]]


class ExperimentVariantAllocation(TypedDict):
    experimentID: int
    variantID: int


class NewCustomerSessionV2(TypedDict):
    """The representation of the customer session."""

    profileId: NotRequired[str]
    storeIntegrationId: NotRequired[str]
    evaluableCampaignIds: NotRequired[Sequence[int]]
    couponCodes: NotRequired[Sequence[str]]
    referralCode: NotRequired[str]
    loyaltyCards: NotRequired[Sequence[str]]
    state: NotRequired[Literal["open", "closed", "partially_returned", "cancelled"]]
    cartItems: NotRequired[Sequence[CartItem]]
    experimentVariantAllocations: NotRequired[Sequence[ExperimentVariantAllocation]]
    additionalCosts: NotRequired[Mapping[str, AdditionalCost]]
    identifiers: NotRequired[Sequence[str]]
    attributes: NotRequired[Mapping[str, Any]]


class CustomerSessionV2(TypedDict):
    """The representation of the customer session."""

    id: int
    created: str
    integrationId: str
    applicationId: int
    profileId: str
    storeIntegrationId: NotRequired[str]
    evaluableCampaignIds: NotRequired[Sequence[int]]
    couponCodes: NotRequired[Sequence[str]]
    referralCode: NotRequired[str]
    loyaltyCards: NotRequired[Sequence[str]]
    state: Literal["open", "closed", "partially_returned", "cancelled"]
    cartItems: Sequence[CartItem]
    experimentVariantAllocations: NotRequired[Sequence[ExperimentVariantAllocation]]
    additionalCosts: NotRequired[Mapping[str, AdditionalCost]]
    identifiers: NotRequired[Sequence[str]]
    attributes: Mapping[str, Any]
    firstSession: bool
    updateCount: int
    total: float
    cartItemTotal: float
    additionalCostTotal: float
    updated: str


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


class RedeemReferralEffectProps(TypedDict):
    """This effect is **deprecated**. The properties specific to the "redeemReferral" effect. This gets triggered
    whenever the referral code is valid, and a rule was triggered that contains a "redeem referral" effect.
    """

    id: int
    value: str


class RejectCouponEffectProps(TypedDict):
    """The properties specific to the "rejectCoupon" effect. This gets triggered whenever the coupon was rejected. See
    rejectionReason for more info on why.
    """

    value: str
    rejectionReason: str
    conditionIndex: NotRequired[int]
    effectIndex: NotRequired[int]
    details: NotRequired[str]
    campaignExclusionReason: NotRequired[str]


class RejectReferralEffectProps(TypedDict):
    """The properties specific to the "rejectReferral" effect. This gets triggered whenever the referral code was
    rejected. See rejectionReason for more info on why.
    """

    value: str
    rejectionReason: str
    conditionIndex: NotRequired[int]
    effectIndex: NotRequired[int]
    details: NotRequired[str]
    campaignExclusionReason: NotRequired[str]


class CouponCreatedEffectProps(TypedDict):
    """The properties specific to the "couponCreated" effect. This gets triggered whenever a validated rule contained a
    "create coupon" effect, and a coupon was created for a customer. See "createdCoupons" on the response for all
    details of this coupon.
    """

    value: str
    profileId: str


class ReferralCreatedEffectProps(TypedDict):
    """The properties specific to the "referralCreated" effect. This gets triggered whenever a validated rule contained
    a "create referral" effect, and a referral code was created for a customer. See "createdReferrals" on the
    response for all details of this referral code.
    """

    value: str


class SetDiscountEffectProps(TypedDict):
    """The properties specific to the "setDiscount" effect. This gets triggered whenever a validated rule contained a
    "set discount" effect. This is a discount that should be applied on the scope of defined with it.
    """

    name: str
    value: float
    scope: NotRequired[str]
    desiredValue: NotRequired[float]


class SetDiscountPerItemEffectProps(TypedDict):
    """The properties specific to the `setDiscountPerItem` effect, triggered whenever a validated rule contained a "set
    per item discount" effect. This is a discount that will be applied either on a specific item, on a specific item
    + additional cost or on all additional costs per item. This depends on the chosen scope.
    """

    name: str
    value: float
    position: float
    subPosition: NotRequired[float]
    desiredValue: NotRequired[float]
    scope: NotRequired[str]
    totalDiscount: NotRequired[float]
    desiredTotalDiscount: NotRequired[float]
    bundleIndex: NotRequired[int]
    bundleName: NotRequired[str]
    targetedItemPosition: NotRequired[float]
    targetedItemSubPosition: NotRequired[float]
    excludedFromPriceHistory: NotRequired[bool]


class SetDiscountPerAdditionalCostEffectProps(TypedDict):
    """The properties specific to the "setDiscountPerAdditionalCost" effect. This gets triggered whenever a validated
    rule contained a "set per additional cost discount" effect. This is a discount that should be applied on a
    specific additional cost.
    """

    name: str
    additionalCostId: int
    additionalCost: str
    value: float
    desiredValue: NotRequired[float]


class TriggerWebhookEffectProps(TypedDict):
    """The properties specific to the "triggerWebhook" effect. This gets triggered whenever a validated rule contained a
    "trigger webhook" effect. This is communicated as an FYI and should usually not require action on your side.
    """

    webhookId: float
    webhookName: str


class AddLoyaltyPointsEffectProps(TypedDict):
    """The properties specific to the "addLoyaltyPoints" effect. This gets triggered whenever a validated rule contained
    an "add loyalty" effect. These points are automatically stored and managed inside Talon.One.
    """

    name: str
    programId: int
    subLedgerId: str
    value: float
    desiredValue: NotRequired[float]
    recipientIntegrationId: str
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    transactionUUID: str
    cartItemPosition: NotRequired[float]
    cartItemSubPosition: NotRequired[float]
    cardIdentifier: NotRequired[str]
    bundleIndex: NotRequired[int]
    bundleName: NotRequired[str]
    awaitsActivation: NotRequired[bool]
    validityDuration: NotRequired[str]


class DeductLoyaltyPointsEffectProps(TypedDict):
    """The properties specific to the "deductLoyaltyPoints" effect. This gets triggered whenever a validated rule
    contained a condition to only trigger when the given number of loyalty points could be deduced. These points are
    automatically stored and managed inside Talon.One.
    """

    ruleTitle: str
    programId: int
    subLedgerId: str
    value: float
    transactionUUID: str
    name: str
    cardIdentifier: NotRequired[str]


class ChangeLoyaltyTierLevelEffectProps(TypedDict):
    """The properties specific to the "changeLoyaltyTierLevel" effect. This is triggered whenever the user's loyalty
    tier is upgraded due to a validated rule that contained an "addLoyaltyPoints" effect.
    """

    ruleTitle: str
    programId: int
    subLedgerId: str
    previousTierName: NotRequired[str]
    newTierName: str
    expiryDate: NotRequired[str]


class AddFreeItemEffectProps(TypedDict):
    """The properties specific to the "addFreeItem" effect. This gets triggered whenever a validated rule contained an
    "add free item" effect.
    """

    sku: str
    name: str
    desiredQuantity: NotRequired[int]


class ShowNotificationEffectProps(TypedDict):
    """The properties specific to the "showNotification" effect. This gets triggered whenever a validated rule contained
    a "show notification" effect.
    """

    notificationType: str
    title: str
    body: str


class UpdateAttributeEffectProps(TypedDict):
    """The properties specific to the "updateAttribute" effect. This gets triggered whenever a validated rule contained
    an "update an attribute" effect.
    """

    path: str
    value: bool | float | str | Mapping[str, Any] | Sequence[Any]


class RollbackCouponEffectProps(TypedDict):
    """The properties specific to the "rollbackCoupon" effect. This gets triggered whenever previously closed session is
    now cancelled and a coupon redemption was cancelled on our internal usage limit counters.
    """

    value: str


class RollbackReferralEffectProps(TypedDict):
    """The properties specific to the "rollbackReferral" effect. This gets triggered whenever previously closed session
    is now cancelled and a referral redemption was cancelled on our internal usage limit counters.
    """

    value: str


class RollbackDiscountEffectProps(TypedDict):
    """The properties specific to the "rollbackDiscount" effect. This gets triggered whenever previously closed session
    is now cancelled or partially returned and a setDiscount effect was cancelled on our internal discount limit
    counters.
    """

    name: str
    value: float
    cartItemPosition: NotRequired[float]
    cartItemSubPosition: NotRequired[float]
    additionalCostId: NotRequired[int]
    additionalCost: NotRequired[str]
    scope: NotRequired[str]


class RollbackAddedLoyaltyPointsEffectProps(TypedDict):
    """The properties specific to the "rollbackAddedLoyaltyPoints" effect. This gets triggered whenever previously a
    closed session with an addLoyaltyPoints effect is cancelled.
    """

    programId: int
    subLedgerId: str
    value: float
    recipientIntegrationId: str
    transactionUUID: str
    cartItemPosition: NotRequired[float]
    cartItemSubPosition: NotRequired[float]
    cardIdentifier: NotRequired[str]


class RollbackDeductedLoyaltyPointsEffectProps(TypedDict):
    """The properties specific to the "rollbackDeductedLoyaltyPoints" effect. This effect is triggered whenever a
    previously closed session is cancelled and a deductLoyaltyPoints effect was revoked.
    """

    programId: int
    subLedgerId: str
    value: float
    recipientIntegrationId: str
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    transactionUUID: str
    cardIdentifier: NotRequired[str]


class ShowBundleMetadataEffectProps(TypedDict):
    """This effect is **deprecated**. The properties specific to the "ShowBundleMetadata" effect. This effect contains
    information that allows you to associate the discounts from a rule in a bundle campaign with specific cart items.
    This way you can distinguish from "normal" discounts that were not the result of a product bundle.
    """

    description: str
    bundleAttributes: Sequence[str]
    itemsIndices: Sequence[float]


class AwardGiveawayEffectProps(TypedDict):
    """The properties specific to the "awardGiveaway" effect. This effect contains information on the giveaway item, and
    which profile it was awarded to.
    """

    poolId: int
    poolName: str
    recipientIntegrationId: str
    giveawayId: int
    code: str


class WillAwardGiveawayEffectProps(TypedDict):
    """The properties specific to the "awardGiveaway" effect when the session is not closed yet. This effect replaces
    "awardGiveaway" only when updating a session with any state other than "closed". This is to ensure no giveaway
    codes are leaked when they are still not guaranteed to be awarded.
    """

    poolId: int
    poolName: str
    recipientIntegrationId: str


class ErrorEffectProps(TypedDict):
    """Whenever an error occurred during evaluation, we return an error effect. This should never happen for rules
    created in the rule builder.
    """

    message: str


class CustomEffectProps(TypedDict):
    """Effect containing custom payload."""

    effectId: int
    name: str
    cartItemPosition: NotRequired[float]
    cartItemSubPosition: NotRequired[float]
    bundleIndex: NotRequired[int]
    bundleName: NotRequired[str]
    payload: Mapping[str, Any]


class SetDiscountPerAdditionalCostPerItemEffectProps(TypedDict):
    """The properties specific to the "setDiscountPerAdditionalCostPerItem" effect. This gets triggered whenever a
    validated rule contained a "set discount per additional cost per item" effect. This is a discount that should be
    applied on a specific additional cost in a specific item.
    """

    name: str
    additionalCostId: int
    value: float
    position: float
    subPosition: NotRequired[float]
    additionalCost: str
    desiredValue: NotRequired[float]


class ReserveCouponEffectProps(TypedDict):
    """The properties specific to the "reserveCoupon" effect. This gets triggered whenever a validated rule contained a
    "reserve coupon" effect. This reserves the coupon currently on scope to the profile on scope.
    """

    couponValue: str
    profileIntegrationId: str
    isNewReservation: bool


class AddToAudienceEffectProps(TypedDict):
    """The properties specific to the "addToAudience" effect. This gets triggered whenever a validated rule contains an
    "addToAudience" effect.
    """

    audienceId: NotRequired[int]
    audienceName: NotRequired[str]
    profileIntegrationId: NotRequired[str]
    profileId: NotRequired[int]


class RemoveFromAudienceEffectProps(TypedDict):
    """The properties specific to the "removeFromAudience" effect. This gets triggered whenever a validated rule
    contains a "removeFromAudience" effect.
    """

    audienceId: NotRequired[int]
    audienceName: NotRequired[str]
    profileIntegrationId: NotRequired[str]
    profileId: NotRequired[int]


class IncreaseAchievementProgressEffectProps(TypedDict):
    """The properties specific to the "increaseAchievementProgress" effect. This gets triggered whenever a validated
    rule contained an "increase customer progress" effect.
    """

    achievementId: int
    achievementName: str
    progressTrackerId: NotRequired[int]
    delta: float
    value: float
    target: float
    isJustCompleted: bool


class RollbackIncreasedAchievementProgressEffectProps(TypedDict):
    """The properties specific to the "rollbackIncreasedAchievementProgress" effect. This gets triggered whenever a
    closed session where the `increaseAchievementProgress` effect was triggered is cancelled. This is applicable only
    when the customer has not completed the achievement.
    """

    achievementId: int
    achievementName: str
    progressTrackerId: int
    decreaseProgressBy: float
    currentProgress: float
    target: float


class LoyaltyLedgerEntryExpiryDateChange(TypedDict):
    """The properties specific to effects for changing the expiry dates of loyalty ledger entries."""

    transactionUUID: str
    previousExpiryDate: NotRequired[str]
    newExpiryDate: str


class ExtendLoyaltyPointsExpiryDateEffectProps(TypedDict):
    """The properties specific to the "extendLoyaltyPointsExpiryDate" effect. This gets triggered when a validated rule
    contains the "extend expiry date" effect. The current expiry date gets extended by the time frame given in the
    effect.
    """

    programId: int
    subLedgerId: str
    extensionDuration: str
    affectedTransactions: NotRequired[Sequence[LoyaltyLedgerEntryExpiryDateChange]]


class AcceptCouponEffect(TypedDict):
    """An Effect whose effectType is 'acceptCoupon': props is AcceptCouponEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["acceptCoupon"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: AcceptCouponEffectProps


class AcceptReferralEffect(TypedDict):
    """An Effect whose effectType is 'acceptReferral': props is AcceptReferralEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["acceptReferral"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: AcceptReferralEffectProps


class RedeemReferralEffect(TypedDict):
    """An Effect whose effectType is 'redeemReferral': props is RedeemReferralEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["redeemReferral"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RedeemReferralEffectProps


class RejectCouponEffect(TypedDict):
    """An Effect whose effectType is 'rejectCoupon': props is RejectCouponEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rejectCoupon"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RejectCouponEffectProps


class RejectReferralEffect(TypedDict):
    """An Effect whose effectType is 'rejectReferral': props is RejectReferralEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rejectReferral"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RejectReferralEffectProps


class CouponCreatedEffect(TypedDict):
    """An Effect whose effectType is 'couponCreated': props is CouponCreatedEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["couponCreated"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: CouponCreatedEffectProps


class ReferralCreatedEffect(TypedDict):
    """An Effect whose effectType is 'referralCreated': props is ReferralCreatedEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["referralCreated"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ReferralCreatedEffectProps


class SetDiscountEffect(TypedDict):
    """An Effect whose effectType is 'setDiscount': props is SetDiscountEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setDiscount"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: SetDiscountEffectProps


class SetDiscountPerItemEffect(TypedDict):
    """An Effect whose effectType is 'setDiscountPerItem': props is SetDiscountPerItemEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setDiscountPerItem"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: SetDiscountPerItemEffectProps


class SetDiscountPerAdditionalCostEffect(TypedDict):
    """An Effect whose effectType is 'setDiscountPerAdditionalCost': props is SetDiscountPerAdditionalCostEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setDiscountPerAdditionalCost"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: SetDiscountPerAdditionalCostEffectProps


class TriggerWebhookEffect(TypedDict):
    """An Effect whose effectType is 'triggerWebhook': props is TriggerWebhookEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["triggerWebhook"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: TriggerWebhookEffectProps


class AddLoyaltyPointsEffect(TypedDict):
    """An Effect whose effectType is 'addLoyaltyPoints': props is AddLoyaltyPointsEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["addLoyaltyPoints"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: AddLoyaltyPointsEffectProps


class DeductLoyaltyPointsEffect(TypedDict):
    """An Effect whose effectType is 'deductLoyaltyPoints': props is DeductLoyaltyPointsEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["deductLoyaltyPoints"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: DeductLoyaltyPointsEffectProps


class ChangeLoyaltyTierLevelEffect(TypedDict):
    """An Effect whose effectType is 'changeLoyaltyTierLevel': props is ChangeLoyaltyTierLevelEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["changeLoyaltyTierLevel"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ChangeLoyaltyTierLevelEffectProps


class AddFreeItemEffect(TypedDict):
    """An Effect whose effectType is 'addFreeItem': props is AddFreeItemEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["addFreeItem"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: AddFreeItemEffectProps


class ShowNotificationEffect(TypedDict):
    """An Effect whose effectType is 'showNotification': props is ShowNotificationEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["showNotification"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ShowNotificationEffectProps


class UpdateAttributeEffect(TypedDict):
    """An Effect whose effectType is 'updateAttribute': props is UpdateAttributeEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["updateAttribute"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: UpdateAttributeEffectProps


class RollbackCouponEffect(TypedDict):
    """An Effect whose effectType is 'rollbackCoupon': props is RollbackCouponEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackCoupon"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RollbackCouponEffectProps


class RollbackReferralEffect(TypedDict):
    """An Effect whose effectType is 'rollbackReferral': props is RollbackReferralEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackReferral"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RollbackReferralEffectProps


class RollbackDiscountEffect(TypedDict):
    """An Effect whose effectType is 'rollbackDiscount': props is RollbackDiscountEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackDiscount"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RollbackDiscountEffectProps


class RollbackAddedLoyaltyPointsEffect(TypedDict):
    """An Effect whose effectType is 'rollbackAddedLoyaltyPoints': props is RollbackAddedLoyaltyPointsEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackAddedLoyaltyPoints"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RollbackAddedLoyaltyPointsEffectProps


class RollbackDeductedLoyaltyPointsEffect(TypedDict):
    """An Effect whose effectType is 'rollbackDeductedLoyaltyPoints': props is RollbackDeductedLoyaltyPointsEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackDeductedLoyaltyPoints"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RollbackDeductedLoyaltyPointsEffectProps


class ShowBundleMetadataEffect(TypedDict):
    """An Effect whose effectType is 'showBundleMetadata': props is ShowBundleMetadataEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["showBundleMetadata"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ShowBundleMetadataEffectProps


class AwardGiveawayEffect(TypedDict):
    """An Effect whose effectType is 'awardGiveaway': props is AwardGiveawayEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["awardGiveaway"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: AwardGiveawayEffectProps


class WillAwardGiveawayEffect(TypedDict):
    """An Effect whose effectType is 'willAwardGiveaway': props is WillAwardGiveawayEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["willAwardGiveaway"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: WillAwardGiveawayEffectProps


class ErrorEffect(TypedDict):
    """An Effect whose effectType is 'error': props is ErrorEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["error"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ErrorEffectProps


class CustomEffect(TypedDict):
    """An Effect whose effectType is 'custom': props is CustomEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["custom"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: CustomEffectProps


class SetDiscountPerAdditionalCostPerItemEffect(TypedDict):
    """An Effect whose effectType is 'setDiscountPerAdditionalCostPerItem': props is
    SetDiscountPerAdditionalCostPerItemEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setDiscountPerAdditionalCostPerItem"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: SetDiscountPerAdditionalCostPerItemEffectProps


class ReserveCouponEffect(TypedDict):
    """An Effect whose effectType is 'reserveCoupon': props is ReserveCouponEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["reserveCoupon"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ReserveCouponEffectProps


class AddToAudienceEffect(TypedDict):
    """An Effect whose effectType is 'addToAudience': props is AddToAudienceEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["addToAudience"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: AddToAudienceEffectProps


class RemoveFromAudienceEffect(TypedDict):
    """An Effect whose effectType is 'removeFromAudience': props is RemoveFromAudienceEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["removeFromAudience"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RemoveFromAudienceEffectProps


class IncreaseAchievementProgressEffect(TypedDict):
    """An Effect whose effectType is 'increaseAchievementProgress': props is IncreaseAchievementProgressEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["increaseAchievementProgress"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: IncreaseAchievementProgressEffectProps


class RollbackIncreasedAchievementProgressEffect(TypedDict):
    """An Effect whose effectType is 'rollbackIncreasedAchievementProgress': props is
    RollbackIncreasedAchievementProgressEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["rollbackIncreasedAchievementProgress"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: RollbackIncreasedAchievementProgressEffectProps


class ExtendLoyaltyPointsExpiryDateEffect(TypedDict):
    """An Effect whose effectType is 'extendLoyaltyPointsExpiryDate': props is ExtendLoyaltyPointsExpiryDateEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["extendLoyaltyPointsExpiryDate"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: ExtendLoyaltyPointsExpiryDateEffectProps


class StrikethroughSetDiscountPerItemEffect(TypedDict):
    """An Effect whose effectType is 'strikethroughSetDiscountPerItem': props is
    StrikethroughSetDiscountPerItemEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["strikethroughSetDiscountPerItem"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: StrikethroughSetDiscountPerItemEffectProps


class StrikethroughSetDiscountPerItemMemberEffect(TypedDict):
    """An Effect whose effectType is 'strikethroughSetDiscountPerItemMember': props is
    StrikethroughSetDiscountPerItemMemberEffectProps.
    """

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["strikethroughSetDiscountPerItemMember"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: StrikethroughSetDiscountPerItemMemberEffectProps


class StrikethroughEffect(TypedDict):
    """An Effect whose effectType is 'strikethrough': props is StrikethroughEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["strikethrough"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: StrikethroughEffectProps


class SetLoyaltyPointsExpiryDateEffect(TypedDict):
    """An Effect whose effectType is 'setLoyaltyPointsExpiryDate': props is SetLoyaltyPointsExpiryDateEffectProps."""

    experimentId: NotRequired[int]
    campaignId: int
    rulesetId: int
    ruleIndex: int
    ruleName: str
    effectType: Literal["setLoyaltyPointsExpiryDate"]
    triggeredByCoupon: NotRequired[int]
    triggeredForCatalogItem: NotRequired[int]
    conditionIndex: NotRequired[int]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]
    campaignRevisionId: NotRequired[int]
    campaignRevisionVersionId: NotRequired[int]
    selectedPriceType: NotRequired[str]
    selectedPrice: NotRequired[float]
    adjustmentReferenceId: NotRequired[str]
    props: SetLoyaltyPointsExpiryDateEffectProps


Effect: TypeAlias = (
    AcceptCouponEffect
    | AcceptReferralEffect
    | RedeemReferralEffect
    | RejectCouponEffect
    | RejectReferralEffect
    | CouponCreatedEffect
    | ReferralCreatedEffect
    | SetDiscountEffect
    | SetDiscountPerItemEffect
    | SetDiscountPerAdditionalCostEffect
    | TriggerWebhookEffect
    | AddLoyaltyPointsEffect
    | DeductLoyaltyPointsEffect
    | ChangeLoyaltyTierLevelEffect
    | AddFreeItemEffect
    | ShowNotificationEffect
    | UpdateAttributeEffect
    | RollbackCouponEffect
    | RollbackReferralEffect
    | RollbackDiscountEffect
    | RollbackAddedLoyaltyPointsEffect
    | RollbackDeductedLoyaltyPointsEffect
    | ShowBundleMetadataEffect
    | AwardGiveawayEffect
    | WillAwardGiveawayEffect
    | ErrorEffect
    | CustomEffect
    | SetDiscountPerAdditionalCostPerItemEffect
    | ReserveCouponEffect
    | AddToAudienceEffect
    | RemoveFromAudienceEffect
    | IncreaseAchievementProgressEffect
    | RollbackIncreasedAchievementProgressEffect
    | ExtendLoyaltyPointsExpiryDateEffect
    | StrikethroughSetDiscountPerItemEffect
    | StrikethroughSetDiscountPerItemMemberEffect
    | StrikethroughEffect
    | SetLoyaltyPointsExpiryDateEffect
)


class IntegrationCustomerSessionResponse(TypedDict):
    customerSession: NotRequired[CustomerSessionV2]
    effects: NotRequired[Sequence[Effect]]


class ErrorSource(TypedDict):
    """The source of the current error, exactly one of `pointer`, `parameter` or `line` will be defined."""

    pointer: NotRequired[str]
    parameter: NotRequired[str]
    line: NotRequired[str]
    resource: NotRequired[str]


class APIError(TypedDict):
    title: str
    details: NotRequired[str]
    source: ErrorSource


class ErrorResponse(TypedDict):
    message: str
    errors: NotRequired[Sequence[APIError]]


class ErrorResponseWithStatus(TypedDict):
    message: NotRequired[str]
    errors: NotRequired[Sequence[APIError]]
    StatusCode: NotRequired[int]


class IntegrationRequest(TypedDict):
    """The body of a V2 integration API request (customer session update). Next to the customer session details, this
    contains an optional listing of extra properties that should be returned in the response.
    """

    customerSession: NewCustomerSessionV2
    responseContent: NotRequired[
        Sequence[
            Literal[
                "customerSession",
                "customerProfile",
                "coupons",
                "triggeredCampaigns",
                "referral",
                "loyalty",
                "event",
                "awardedGiveaways",
                "ruleFailureReasons",
                "previousReturns",
            ]
        ]
    ]


class LoyaltyMembership(TypedDict):
    joined: NotRequired[str]
    loyaltyProgramId: int


class AudienceMembership(TypedDict):
    id: int
    name: str


class CustomerProfile(TypedDict):
    id: int
    created: str
    integrationId: str
    attributes: Mapping[str, Any]
    accountId: int
    closedSessions: int
    totalSales: float
    loyaltyMemberships: NotRequired[Sequence[LoyaltyMembership]]
    audienceMemberships: NotRequired[Sequence[AudienceMembership]]
    lastActivity: str
    sandbox: NotRequired[bool]


class LoyaltyCardProfileRegistration(TypedDict):
    integrationId: str
    timestamp: str


class Tier(TypedDict):
    id: int
    name: str
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    downgradePolicy: NotRequired[Literal["one_down", "balance_based"]]


class LedgerInfo(TypedDict):
    """The balance in a Loyalty Program for some Customer."""

    currentBalance: float
    pendingBalance: float
    negativeBalance: NotRequired[float]
    expiredBalance: float
    spentBalance: float
    tentativeCurrentBalance: float
    tentativePendingBalance: NotRequired[float]
    tentativeNegativeBalance: NotRequired[float]
    currentTier: NotRequired[Tier]
    pointsToNextTier: NotRequired[float]
    nextTierName: NotRequired[str]


class LoyaltyCard(TypedDict):
    id: int
    created: str
    programID: int
    programName: NotRequired[str]
    programTitle: NotRequired[str]
    status: str
    blockReason: NotRequired[str]
    identifier: str
    usersPerCardLimit: int
    profiles: NotRequired[Sequence[LoyaltyCardProfileRegistration]]
    ledger: NotRequired[LedgerInfo]
    subledgers: NotRequired[Mapping[str, LedgerInfo]]
    modified: NotRequired[str]
    oldCardIdentifier: NotRequired[str]
    newCardIdentifier: NotRequired[str]
    batchId: NotRequired[str]


class LoyaltyProgramLedgers(TypedDict):
    """Customer-specific information about loyalty points."""

    id: int
    title: str
    name: str
    joinDate: NotRequired[str]
    ledger: LedgerInfo
    subLedgers: NotRequired[Mapping[str, LedgerInfo]]


class Loyalty(TypedDict):
    """Customer-specific information about loyalty points."""

    cards: NotRequired[Sequence[LoyaltyCard]]
    programs: Mapping[str, LoyaltyProgramLedgers]


class CodeGeneratorSettings(TypedDict):
    validCharacters: Sequence[str]
    couponPattern: str


class LimitConfig(TypedDict):
    action: str
    limit: float
    period: NotRequired[Literal["daily", "weekly", "monthly", "yearly"]]
    entities: Sequence[Literal["Coupon", "Referral", "Profile", "Identifier", "Store", "Session"]]


class CampaignBudget(TypedDict):
    action: str
    limit: float
    counter: float


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
    reevaluateOnReturn: bool
    features: Sequence[Literal["coupons", "referrals", "loyalty", "giveaways", "strikethrough", "achievements"]]
    couponSettings: NotRequired[CodeGeneratorSettings]
    referralSettings: NotRequired[CodeGeneratorSettings]
    limits: Sequence[LimitConfig]
    campaignGroups: NotRequired[Sequence[int]]
    type: Literal["cartItem", "advanced"]
    linkedStoreIds: NotRequired[Sequence[int]]
    couponAttributes: NotRequired[Mapping[str, Any]]
    budgets: NotRequired[Sequence[CampaignBudget]]
    couponRedemptionCount: NotRequired[int]
    referralRedemptionCount: NotRequired[int]
    discountCount: NotRequired[float]
    discountEffectCount: NotRequired[int]
    couponCreationCount: NotRequired[int]
    customEffectCount: NotRequired[int]
    referralCreationCount: NotRequired[int]
    addFreeItemEffectCount: NotRequired[int]
    awardedGiveawaysCount: NotRequired[int]
    createdLoyaltyPointsCount: NotRequired[float]
    createdLoyaltyPointsEffectCount: NotRequired[int]
    redeemedLoyaltyPointsCount: NotRequired[float]
    redeemedLoyaltyPointsEffectCount: NotRequired[int]
    callApiEffectCount: NotRequired[int]
    reservecouponEffectCount: NotRequired[int]
    lastActivity: NotRequired[str]
    updated: NotRequired[str]
    createdBy: NotRequired[str]
    updatedBy: NotRequired[str]
    templateId: NotRequired[int]
    frontendState: Literal["expired", "scheduled", "running", "disabled", "archived", "staged"]
    storesImported: bool
    valueMapsIds: NotRequired[Sequence[int]]
    experimentId: NotRequired[int]
    revisionFrontendState: NotRequired[Literal["revised", "pending"]]
    activeRevisionId: NotRequired[int]
    activeRevisionVersionId: NotRequired[int]
    version: NotRequired[int]
    currentRevisionId: NotRequired[int]
    currentRevisionVersionId: NotRequired[int]
    stageRevision: NotRequired[bool]


class RuleFailureReason(TypedDict):
    """Details about why a rule failed."""

    campaignID: int
    campaignName: str
    rulesetID: int
    couponID: NotRequired[int]
    couponValue: NotRequired[str]
    referralID: NotRequired[int]
    referralValue: NotRequired[str]
    ruleIndex: int
    ruleName: str
    conditionIndex: NotRequired[int]
    effectIndex: NotRequired[int]
    details: NotRequired[str]
    evaluationGroupID: NotRequired[int]
    evaluationGroupMode: NotRequired[str]


class Coupon(TypedDict):
    id: int
    created: str
    campaignId: int
    value: str
    usageLimit: int
    discountLimit: NotRequired[float]
    reservationLimit: NotRequired[int]
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    limits: NotRequired[Sequence[LimitConfig]]
    usageCounter: int
    discountCounter: NotRequired[float]
    discountRemainder: NotRequired[float]
    reservationCounter: NotRequired[float]
    attributes: NotRequired[Mapping[str, Any]]
    referralId: NotRequired[int]
    recipientIntegrationId: NotRequired[str]
    importId: NotRequired[int]
    reservation: NotRequired[bool]
    batchId: NotRequired[str]
    isReservationMandatory: NotRequired[bool]
    implicitlyReserved: NotRequired[bool]


class NewReferral(TypedDict):
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    usageLimit: NotRequired[int]
    campaignId: int
    advocateProfileIntegrationId: str
    friendProfileIntegrationId: NotRequired[str]
    attributes: NotRequired[Mapping[str, Any]]


class Referral(TypedDict):
    id: int
    created: str
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    usageLimit: int
    campaignId: int
    advocateProfileIntegrationId: str
    friendProfileIntegrationId: NotRequired[str]
    attributes: NotRequired[Mapping[str, Any]]
    importId: NotRequired[int]
    code: str
    usageCounter: int
    batchId: NotRequired[str]


class Giveaway(TypedDict):
    id: int
    created: str
    code: str
    poolId: int
    startDate: NotRequired[str]
    endDate: NotRequired[str]
    attributes: NotRequired[Mapping[str, Any]]
    used: NotRequired[bool]
    importId: NotRequired[int]
    profileIntegrationId: NotRequired[str]
    profileId: NotRequired[int]


class InventoryReferral(TypedDict):
    id: int
    created: str
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    usageLimit: int
    campaignId: int
    advocateProfileIntegrationId: str
    friendProfileIntegrationId: NotRequired[str]
    attributes: NotRequired[Mapping[str, Any]]
    importId: NotRequired[int]
    code: str
    usageCounter: int
    batchId: NotRequired[str]
    referredCustomers: Sequence[str]


class IntegrationCoupon(TypedDict):
    id: int
    created: str
    campaignId: int
    value: str
    usageLimit: int
    discountLimit: NotRequired[float]
    reservationLimit: NotRequired[int]
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    limits: NotRequired[Sequence[LimitConfig]]
    usageCounter: int
    discountCounter: NotRequired[float]
    discountRemainder: NotRequired[float]
    reservationCounter: NotRequired[float]
    attributes: NotRequired[Mapping[str, Any]]
    referralId: NotRequired[int]
    recipientIntegrationId: NotRequired[str]
    importId: NotRequired[int]
    reservation: NotRequired[bool]
    batchId: NotRequired[str]
    isReservationMandatory: NotRequired[bool]
    implicitlyReserved: NotRequired[bool]
    profileRedemptionCount: int


class LedgerEntry(TypedDict):
    """Entry in the point ledger."""

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


class CouponRejectionReason(TypedDict):
    """Holds a reference to the campaign, the coupon and the reason for which that coupon was rejected. Should only be
    present when there is a 'rejectCoupon' effect.
    """

    campaignId: int
    couponId: int
    reason: Literal[
        "CouponNotFound",
        "CouponPartOfNotRunningCampaign",
        "CampaignLimitReached",
        "ProfileLimitReached",
        "CouponRecipientDoesNotMatch",
        "CouponExpired",
        "CouponStartDateInFuture",
        "CouponRejectedByCondition",
        "EffectCouldNotBeApplied",
        "CouponPartOfNotTriggeredCampaign",
        "CouponReservationRequired",
        "ProfileRequired",
    ]


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
        "ReferralLimitReached",
        "CampaignLimitReached",
        "ProfileLimitReached",
        "ReferralRecipientDoesNotMatch",
        "ReferralExpired",
        "ReferralStartDateInFuture",
        "ReferralRejectedByCondition",
        "EffectCouldNotBeApplied",
        "ReferralPartOfNotTriggeredCampaign",
    ]


class Meta(TypedDict):
    campaigns: NotRequired[Mapping[str, Any]]
    coupons: NotRequired[Mapping[str, Any]]
    couponRejectionReason: NotRequired[CouponRejectionReason]
    referralRejectionReason: NotRequired[ReferralRejectionReason]
    warnings: NotRequired[Mapping[str, Any]]


class Event(TypedDict):
    id: int
    created: str
    applicationId: int
    profileId: NotRequired[str]
    storeIntegrationId: NotRequired[str]
    type: str
    attributes: Mapping[str, Any]
    sessionId: NotRequired[str]
    effects: Sequence[Mapping[str, Any]]
    ledgerEntries: NotRequired[Sequence[LedgerEntry]]
    meta: NotRequired[Meta]


class EventV3(TypedDict):
    profileId: str
    storeIntegrationId: NotRequired[str]
    evaluableCampaignIds: NotRequired[Sequence[int]]
    integrationId: str
    type: str
    attributes: NotRequired[Mapping[str, Any]]
    connectedSessionID: NotRequired[str]
    previousEventID: NotRequired[str]


class ReturnedCartItem(TypedDict):
    position: NotRequired[int]
    quantity: NotRequired[int]
    sku: NotRequired[str]


class NewReturn(TypedDict):
    returnedCartItems: Sequence[ReturnedCartItem]


class Return(TypedDict):
    id: int
    created: str
    applicationId: int
    accountId: int
    returnedCartItems: Sequence[ReturnedCartItem]
    eventId: int
    sessionId: int
    sessionIntegrationId: str
    profileId: NotRequired[int]
    profileIntegrationId: NotRequired[str]
    createdBy: NotRequired[int]


IntegrationStateV2 = TypedDict(
    "IntegrationStateV2",
    {
        "customerProfile": "NotRequired[CustomerProfile]",
        "loyalty": "NotRequired[Loyalty]",
        "triggeredCampaigns": "NotRequired[Sequence[Campaign]]",
        "effects": "Sequence[Effect]",
        "ruleFailureReasons": "NotRequired[Sequence[RuleFailureReason]]",
        "createdCoupons": "Sequence[Coupon]",
        "createdReferrals": "Sequence[Referral]",
        "awardedGiveaways": "NotRequired[Sequence[Giveaway]]",
        "referral": "NotRequired[InventoryReferral]",
        "coupons": "NotRequired[Sequence[IntegrationCoupon]]",
        "event": "NotRequired[Event]",
        "advancedEvent": "NotRequired[EventV3]",
        "customerSession": "NotRequired[CustomerSessionV2]",
        "return": "NotRequired[Return]",
        "previousReturns": "NotRequired[Sequence[Return]]",
    },
)


ReturnIntegrationRequest = TypedDict(
    "ReturnIntegrationRequest",
    {
        "return": "NewReturn",
        "responseContent": "NotRequired[Sequence[Literal[\"customerSession\", \"customerProfile\", \"coupons\", \"triggeredCampaigns\", \"referral\", \"loyalty\", \"event\", \"previousReturns\"]]]",
    },
)


class ReopenSessionResponse(TypedDict):
    """This is the response type returned by the Reopen customer sessions endpoint. It contains the rolled back effects.
    """

    effects: Sequence[Effect]


class ProfileAudiencesChanges(TypedDict):
    adds: Sequence[int]
    deletes: Sequence[int]


class CustomerProfileIntegrationRequestV2(TypedDict):
    """The body of a V2 integration API request (customer profile update). Next to the customer profile details, this
    contains an optional listing of extra properties that should be returned in the response.
    """

    attributes: NotRequired[Mapping[str, Any]]
    evaluableCampaignIds: NotRequired[Sequence[int]]
    responseContent: NotRequired[
        Sequence[
            Literal[
                "customerProfile", "triggeredCampaigns", "loyalty", "event", "awardedGiveaways", "ruleFailureReasons"
            ]
        ]
    ]
    audiencesChanges: NotRequired[ProfileAudiencesChanges]


class CustomerProfileIntegrationResponseV2(TypedDict):
    """This is the response type returned by the updateCustomerProfileV2 endpoint."""

    customerProfile: NotRequired[CustomerProfile]
    event: NotRequired[Event]
    loyalty: NotRequired[Loyalty]
    triggeredCampaigns: NotRequired[Sequence[Campaign]]
    ruleFailureReasons: NotRequired[Sequence[RuleFailureReason]]
    awardedGiveaways: NotRequired[Sequence[Giveaway]]
    effects: Sequence[Effect]
    createdCoupons: Sequence[Coupon]
    createdReferrals: Sequence[Referral]


class MultipleCustomerProfileIntegrationRequestItem(TypedDict):
    """The body of a V2 integration API request (customer profile update). Next to the customer profile details, this
    contains an optional listing of extra properties that should be returned in the response.
    """

    attributes: NotRequired[Mapping[str, Any]]
    integrationId: str


class MultipleCustomerProfileIntegrationRequest(TypedDict):
    customerProfiles: NotRequired[Sequence[MultipleCustomerProfileIntegrationRequestItem]]


class CustomerProfileUpdateV2Response(TypedDict):
    """Contains the updated customer profiles entities. This is the response type returned by the V2 PUT
    customer_profiles endpoint
    """

    customerProfile: CustomerProfile


class MultipleCustomerProfileIntegrationResponseV2(TypedDict):
    integrationStates: NotRequired[Sequence[CustomerProfileUpdateV2Response]]


class NewAudience(TypedDict):
    name: str
    sandbox: NotRequired[bool]
    description: NotRequired[str]
    integration: NotRequired[str]
    integrationId: NotRequired[str]
    createdIn3rdParty: NotRequired[bool]
    lastUpdate: NotRequired[str]


class Audience(TypedDict):
    accountId: int
    id: int
    created: str
    name: str
    sandbox: NotRequired[bool]
    description: NotRequired[str]
    integration: NotRequired[str]
    integrationId: NotRequired[str]
    createdIn3rdParty: NotRequired[bool]
    lastUpdate: NotRequired[str]


class UpdateAudience(TypedDict):
    name: str


class CustomerProfileAudienceRequestItem(TypedDict):
    action: Literal["add", "delete"]
    profileIntegrationId: str
    audienceId: int


class CustomerProfileAudienceRequest(TypedDict):
    data: NotRequired[Sequence[CustomerProfileAudienceRequestItem]]


AttributeQuery: TypeAlias = "Mapping[str, Any]"


class LoyaltyCardRegistration(TypedDict):
    integrationId: str


class IntegrationCampaign(TypedDict):
    id: int
    applicationId: int
    name: str
    description: NotRequired[str]
    startTime: NotRequired[str]
    endTime: NotRequired[str]
    attributes: NotRequired[Mapping[str, Any]]
    state: Literal["enabled"]
    tags: Sequence[str]
    features: Sequence[Literal["coupons", "referrals", "loyalty", "giveaways", "strikethrough", "achievements"]]


class InventoryCoupon(TypedDict):
    id: int
    created: str
    campaignId: int
    value: str
    usageLimit: int
    discountLimit: NotRequired[float]
    reservationLimit: NotRequired[int]
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    limits: NotRequired[Sequence[LimitConfig]]
    usageCounter: int
    discountCounter: NotRequired[float]
    discountRemainder: NotRequired[float]
    reservationCounter: NotRequired[float]
    attributes: NotRequired[Mapping[str, Any]]
    referralId: NotRequired[int]
    recipientIntegrationId: NotRequired[str]
    importId: NotRequired[int]
    reservation: NotRequired[bool]
    batchId: NotRequired[str]
    isReservationMandatory: NotRequired[bool]
    implicitlyReserved: NotRequired[bool]
    profileRedemptionCount: int
    state: str


class IntegrationEventV2Request(TypedDict):
    profileId: NotRequired[str]
    storeIntegrationId: NotRequired[str]
    evaluableCampaignIds: NotRequired[Sequence[int]]
    type: str
    attributes: NotRequired[Mapping[str, Any]]
    responseContent: NotRequired[
        Sequence[
            Literal[
                "customerProfile", "triggeredCampaigns", "loyalty", "event", "awardedGiveaways", "ruleFailureReasons"
            ]
        ]
    ]
    loyaltyCards: NotRequired[Sequence[str]]


class IntegrationEventV2Response(TypedDict):
    """This is the response type returned by the trackEventV2 endpoint."""

    customerProfile: NotRequired[CustomerProfile]
    loyalty: NotRequired[Loyalty]
    triggeredCampaigns: NotRequired[Sequence[Campaign]]
    effects: Sequence[Effect]
    ruleFailureReasons: NotRequired[Sequence[RuleFailureReason]]
    createdCoupons: Sequence[Coupon]
    createdReferrals: Sequence[Referral]
    awardedGiveaways: NotRequired[Sequence[Giveaway]]
    event: NotRequired[Event]


class NewReferralsForMultipleAdvocates(TypedDict):
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    usageLimit: int
    campaignId: int
    advocateProfileIntegrationIds: Sequence[str]
    attributes: NotRequired[Mapping[str, Any]]
    validCharacters: NotRequired[Sequence[str]]
    referralPattern: NotRequired[str]


class CouponReservations(TypedDict):
    integrationIDs: Sequence[str]


class AchievementProgress(TypedDict):
    """The current progress of the customer in the achievement."""

    status: Literal["inprogress", "completed", "expired", "not_started"]
    progress: float
    startDate: NotRequired[str]
    completionDate: NotRequired[str]
    endDate: NotRequired[str]


class AchievementProgressWithDefinition(TypedDict):
    """The current progress of the customer in the achievement."""

    status: Literal["inprogress", "completed", "expired", "not_started"]
    progress: float
    startDate: NotRequired[str]
    completionDate: NotRequired[str]
    endDate: NotRequired[str]
    achievementId: int
    name: str
    title: str
    description: str
    campaignId: int
    target: NotRequired[float]
    achievementRecurrencePolicy: Literal["no_recurrence", "on_expiration", "on_completion"]
    achievementActivationPolicy: Literal["user_action", "fixed_schedule"]
    achievementFixedStartDate: NotRequired[str]
    achievementEndDate: NotRequired[str]
    achievementAllowRollbackAfterCompletion: NotRequired[bool]


class CustomerInventory(TypedDict):
    profile: NotRequired[CustomerProfile]
    loyalty: NotRequired[Loyalty]
    referrals: NotRequired[Sequence[InventoryReferral]]
    coupons: NotRequired[Sequence[InventoryCoupon]]
    giveaways: NotRequired[Sequence[Giveaway]]
    achievements: NotRequired[Sequence[AchievementProgressWithDefinition]]


class TimePoint(TypedDict):
    """The absolute duration after which the achievement ends and resets for a particular customer profile. **Note**:
    The duration follows the time zone of the Application this achievement belongs to.
    """

    month: NotRequired[int]
    dayOfMonth: NotRequired[int]
    dayOfWeek: NotRequired[int]
    hour: int
    minute: int
    second: int


class AchievementStatusEntry(TypedDict):
    id: int
    created: str
    name: str
    title: str
    description: str
    target: float
    period: NotRequired[str]
    periodEndOverride: NotRequired[TimePoint]
    recurrencePolicy: NotRequired[Literal["no_recurrence", "on_expiration", "on_completion"]]
    activationPolicy: NotRequired[Literal["user_action", "fixed_schedule"]]
    fixedStartDate: NotRequired[str]
    endDate: NotRequired[str]
    allowRollbackAfterCompletion: NotRequired[bool]
    campaignId: NotRequired[int]
    status: NotRequired[Literal["active", "scheduled"]]
    currentProgress: NotRequired[AchievementProgress]


class LoyaltyBalance(TypedDict):
    """Point balance of a ledger in the Loyalty Program."""

    activePoints: NotRequired[float]
    pendingPoints: NotRequired[float]
    spentPoints: NotRequired[float]
    expiredPoints: NotRequired[float]
    negativePoints: NotRequired[float]


class LoyaltyCardBalances(TypedDict):
    """List of customer profiles linked to the loyalty card."""

    balance: NotRequired[LoyaltyBalance]
    subledgerBalances: NotRequired[Mapping[str, LoyaltyBalance]]
    profiles: NotRequired[Sequence[LoyaltyCardProfileRegistration]]


class ProjectedTier(TypedDict):
    projectedActivePoints: float
    stayInTierPoints: NotRequired[float]
    projectedTierName: NotRequired[str]


class LoyaltyBalanceWithTier(TypedDict):
    """Point balance of a ledger in the Loyalty Program."""

    activePoints: NotRequired[float]
    pendingPoints: NotRequired[float]
    spentPoints: NotRequired[float]
    expiredPoints: NotRequired[float]
    negativePoints: NotRequired[float]
    currentTier: NotRequired[Tier]
    projectedTier: NotRequired[ProjectedTier]
    pointsToNextTier: NotRequired[float]
    nextTierName: NotRequired[str]


class LoyaltyBalancesWithTiers(TypedDict):
    """List of loyalty balances for a ledger and its subledgers."""

    balance: NotRequired[LoyaltyBalanceWithTier]
    subledgerBalances: NotRequired[Mapping[str, LoyaltyBalanceWithTier]]


class CardLedgerTransactionLogEntryIntegrationAPI(TypedDict):
    """Log entry for a given loyalty card transaction."""

    transactionUUID: str
    created: str
    programId: int
    cardIdentifier: str
    customerSessionId: NotRequired[str]
    type: Literal["addition", "subtraction"]
    name: str
    startDate: str
    expiryDate: str
    subledgerId: str
    amount: float
    id: int
    rulesetId: NotRequired[int]
    ruleName: NotRequired[str]
    validityDuration: NotRequired[str]


class LoyaltyLedgerEntryFlags(TypedDict):
    """A map of flags providing additional details about the entry."""

    createsNegativeBalance: NotRequired[bool]


class LedgerTransactionLogEntryIntegrationAPI(TypedDict):
    """Log entry for a given loyalty profile transaction."""

    transactionUUID: str
    created: str
    programId: int
    customerSessionId: NotRequired[str]
    type: Literal["addition", "subtraction"]
    name: str
    startDate: str
    expiryDate: str
    subledgerId: str
    amount: float
    id: int
    rulesetId: NotRequired[int]
    ruleName: NotRequired[str]
    flags: NotRequired[LoyaltyLedgerEntryFlags]
    validityDuration: NotRequired[str]


class DeleteLoyaltyTransactionsRequest(TypedDict):
    """Request to delete transactions based on the specified scope."""

    scope: Literal["AllSubledgers", "SelectedSubledgers"]
    subledgerIds: NotRequired[Sequence[str] | None]


class CardLedgerPointsEntryIntegrationAPI(TypedDict):
    """Loyalty card points with start and expiry dates."""

    id: int
    transactionUUID: str
    created: str
    programId: int
    customerProfileID: NotRequired[str]
    customerSessionId: NotRequired[str]
    name: str
    startDate: str
    expiryDate: str
    subledgerId: str
    amount: float
    validityDuration: NotRequired[str]


class LedgerPointsEntryIntegrationAPI(TypedDict):
    """Loyalty profile points with start and expiry dates."""

    id: int
    transactionUUID: str
    created: str
    programId: int
    customerSessionId: NotRequired[str]
    name: str
    startDate: str
    expiryDate: str
    subledgerId: str
    amount: float
    validityDuration: NotRequired[str]


class StrikethroughSetDiscountPerItemEffectProps(TypedDict):
    """setDiscountPerItem effect in strikethrough pricing payload."""

    name: str
    value: Mapping[str, Any]
    excludedFromPriceHistory: NotRequired[bool]


class StrikethroughSetDiscountPerItemMemberEffectProps(TypedDict):
    """setDiscountPerItem member effect in strikethrough pricing payload."""

    name: str
    value: Mapping[str, Any]


StrikethroughEffectProps: TypeAlias = "Mapping[str, Any]"


class ActivateLoyaltyPoints(TypedDict):
    """Activate loyalty points"""

    transactionUUIDs: NotRequired[Sequence[str]]
    sessionId: NotRequired[str]


class LoyaltyLedgerEntry(TypedDict):
    """A single row of the ledger, describing one addition or deduction."""

    created: str
    programID: int
    customerProfileID: NotRequired[str]
    cardID: NotRequired[int]
    customerSessionID: NotRequired[str]
    eventID: NotRequired[int]
    type: str
    amount: float
    startDate: NotRequired[str]
    expiryDate: NotRequired[str]
    name: str
    subLedgerID: str
    userID: NotRequired[int]
    archived: NotRequired[bool]
    flags: NotRequired[LoyaltyLedgerEntryFlags]
    validityDuration: NotRequired[str]


class ActivateLoyaltyPointsResponse(TypedDict):
    ledgerEntries: NotRequired[Sequence[LoyaltyLedgerEntry]]


class GenerateLoyaltyCard(TypedDict):
    """The parameters necessary to generate a loyalty card."""

    status: NotRequired[Literal["active", "inactive"]]
    customerProfileIds: NotRequired[Sequence[str]]
    cardIdentifier: NotRequired[str]


class BestPriorTarget(TypedDict):
    """Specifies the target for which the best prior price calculation is taken into consideration."""

    targetType: Literal["NONE", "AUDIENCE"]
    audienceID: NotRequired[int]


class BestPriorPriceRequest(TypedDict):
    skus: Sequence[str]
    timeframeEndDate: str
    timeframe: str
    timeframeEndDateType: Literal["strict", "price", "sale"]
    target: NotRequired[BestPriorTarget]


class InfluencingCampaignDetails(TypedDict):
    """Details about a campaign that influenced the final price."""

    campaignId: int
    discountValue: float


class AdjustmentDetails(TypedDict):
    """Details about an applied price adjustment."""

    referenceId: str
    selectedPriceType: str
    value: float


class BestPriorPriceMetadata(TypedDict):
    """Auxiliary data for found price observation."""

    influencingCampaignDetails: Sequence[InfluencingCampaignDetails]
    adjustmentDetails: NotRequired[AdjustmentDetails]


class BestPriorPrice(TypedDict):
    id: int
    sku: str
    observedAt: str
    contextId: str
    price: float
    metadata: BestPriorPriceMetadata
    target: Mapping[str, Any]


BestPriorPriceResponse: TypeAlias = "Sequence[BestPriorPrice]"


class Catalog(TypedDict):
    id: int
    created: str
    accountId: int
    modified: str
    name: str
    description: str
    subscribedApplicationsIds: NotRequired[Sequence[int]]
    version: int
    createdBy: int


class CatalogAction(TypedDict):
    """Definition of all the properties that are needed for a single catalog sync action."""

    type: Literal["ADD", "PATCH", "PATCH_MANY", "REMOVE", "REMOVE_MANY", "ADD_PRICE_ADJUSTMENT"]
    payload: Mapping[str, Any]


class CatalogSyncRequest(TypedDict):
    actions: Sequence[CatalogAction]
    version: NotRequired[int]


class SetLoyaltyPointsExpiryDateEffectProps(TypedDict):
    """The properties specific to the "setLoyaltyPointsExpiryDate" effect. This gets triggered when a validated rule
    contains the "set expiry date" effect. The current expiry date gets set to the date given in the effect.
    """

    programId: int
    subLedgerId: str
    newExpiryDate: str
    affectedTransactions: NotRequired[Sequence[LoyaltyLedgerEntryExpiryDateChange]]


class InlineResponse200(TypedDict):
    hasMore: bool
    data: Sequence[IntegrationCampaign]


class InlineResponse201(TypedDict):
    totalResultSize: int
    data: Sequence[Referral]


class InlineResponse2001(TypedDict):
    totalResultSize: int
    data: Sequence[CustomerProfile]


class InlineResponse2002(TypedDict):
    totalResultSize: int
    data: Sequence[AchievementStatusEntry]


class InlineResponse2003(TypedDict):
    totalResultSize: int
    data: Sequence[AchievementProgress]


class InlineResponse2004(TypedDict):
    hasMore: bool
    data: Sequence[CardLedgerTransactionLogEntryIntegrationAPI]


class InlineResponse2005(TypedDict):
    hasMore: bool
    data: Sequence[LedgerTransactionLogEntryIntegrationAPI]


class InlineResponse2006(TypedDict):
    hasMore: bool
    data: Sequence[CardLedgerPointsEntryIntegrationAPI]


class InlineResponse2007(TypedDict):
    hasMore: bool
    data: Sequence[LedgerPointsEntryIntegrationAPI]
