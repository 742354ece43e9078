"""Typing stubs for ``talon_dyn.Client`` and ``AsyncClient``: Talon.One Integration API (current) 2026.

Rendered from the spec by ``talon-dyn stubs``; do not edit (``make docs`` renders it again).
Type checkers read ``talon_dyn.Client`` from here: the real client class, plus one typed method per operation.
"""

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Generic, Literal, TypeVar, Unpack

from talon_dyn._client.binding import CallOptions
from talon_dyn._client.client import AsyncClient as _AsyncClient
from talon_dyn._client.client import Client as _Client
from talon_dyn._client.client import _WithResponse
from talon_dyn._client.codec import ApiResponse
from talon_dyn._client.pages import Pages as _Pages

from .current_types import (
    AchievementProgress,
    AchievementStatusEntry,
    ActivateLoyaltyPoints,
    ActivateLoyaltyPointsResponse,
    AttributeQuery,
    Audience,
    BestPriorPriceRequest,
    BestPriorPriceResponse,
    CardLedgerPointsEntryIntegrationAPI,
    CardLedgerTransactionLogEntryIntegrationAPI,
    Catalog,
    CatalogSyncRequest,
    Coupon,
    CouponReservations,
    CustomerInventory,
    CustomerProfileAudienceRequest,
    CustomerProfileIntegrationRequestV2,
    CustomerProfileIntegrationResponseV2,
    DeleteLoyaltyTransactionsRequest,
    GenerateLoyaltyCard,
    InlineResponse200,
    InlineResponse2001,
    InlineResponse2002,
    InlineResponse2003,
    InlineResponse2004,
    InlineResponse2005,
    InlineResponse2006,
    InlineResponse2007,
    InlineResponse201,
    IntegrationCampaign,
    IntegrationCustomerSessionResponse,
    IntegrationEventV2Request,
    IntegrationEventV2Response,
    IntegrationRequest,
    IntegrationStateV2,
    LedgerPointsEntryIntegrationAPI,
    LedgerTransactionLogEntryIntegrationAPI,
    LoyaltyBalancesWithTiers,
    LoyaltyCard,
    LoyaltyCardBalances,
    LoyaltyCardRegistration,
    MultipleCustomerProfileIntegrationRequest,
    MultipleCustomerProfileIntegrationResponseV2,
    NewAudience,
    NewReferral,
    NewReferralsForMultipleAdvocates,
    Referral,
    ReopenSessionResponse,
    ReturnIntegrationRequest,
    UpdateAudience,
)

_T = TypeVar("_T")

class TypedApiResponse(ApiResponse, Generic[_T]):
    """What ``client.with_response.<operation>(...)`` returns, with ``data`` typed."""

    data: _T

class _ClientWithResponse(_WithResponse):
    def get_customer_session(
        self, customer_session_id: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationCustomerSessionResponse]:
        """Get customer session: GET /v2/customer_sessions/{customerSessionId}."""
    getCustomerSession = get_customer_session
    def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        dry: bool | None = None,
        now: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Update customer session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2
    def return_cart_items(
        self,
        customer_session_id: str,
        body: ReturnIntegrationRequest,
        *,
        dry: bool | None = None,
        run_rule_engine: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Return cart items: POST /v2/customer_sessions/{customerSessionId}/returns."""
    returnCartItems = return_cart_items
    def reopen_customer_session(
        self, customer_session_id: str, *, idempotency_key: str | None = None, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[ReopenSessionResponse]:
        """Reopen customer session: PUT /v2/customer_sessions/{customerSessionId}/reopen."""
    reopenCustomerSession = reopen_customer_session
    def update_customer_profile_v2(
        self,
        integration_id: str,
        body: CustomerProfileIntegrationRequestV2,
        *,
        run_rule_engine: bool | None = None,
        dry: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[CustomerProfileIntegrationResponseV2]:
        """Update customer profile: PUT /v2/customer_profiles/{integrationId}."""
    updateCustomerProfileV2 = update_customer_profile_v2
    def update_customer_profiles_v2(
        self,
        body: MultipleCustomerProfileIntegrationRequest,
        *,
        silent: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[MultipleCustomerProfileIntegrationResponseV2]:
        """Update multiple customer profiles: PUT /v2/customer_profiles."""
    updateCustomerProfilesV2 = update_customer_profiles_v2
    def create_audience_v2(self, body: NewAudience, **options: Unpack[CallOptions]) -> TypedApiResponse[Audience]:
        """Create audience: POST /v2/audiences."""
    createAudienceV2 = create_audience_v2
    def update_audience_v2(
        self, audience_id: int, body: UpdateAudience, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Audience]:
        """Update audience name: PUT /v2/audiences/{audienceId}."""
    updateAudienceV2 = update_audience_v2
    def delete_audience_v2(self, audience_id: int, **options: Unpack[CallOptions]) -> TypedApiResponse[None]:
        """Delete audience: DELETE /v2/audiences/{audienceId}."""
    deleteAudienceV2 = delete_audience_v2
    def delete_audience_memberships_v2(
        self, audience_id: int, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Delete audience memberships: DELETE /v2/audiences/{audienceId}/memberships."""
    deleteAudienceMembershipsV2 = delete_audience_memberships_v2
    def update_customer_profile_audiences(
        self, body: CustomerProfileAudienceRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Update multiple customer profiles' audiences: POST /v2/customer_audiences."""
    updateCustomerProfileAudiences = update_customer_profile_audiences
    def update_audience_customers_attributes(
        self, audience_id: int, body: AttributeQuery, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Update profile attributes for all customers in audience: PUT /v2/audience_customers/{audienceId}/attributes.
        """
    updateAudienceCustomersAttributes = update_audience_customers_attributes
    def link_loyalty_card_to_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyCard]:
        """Link customer profile to card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/link_profile.
        """
    linkLoyaltyCardToProfile = link_loyalty_card_to_profile
    def unlink_loyalty_card_from_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyCard]:
        """Unlink customer profile from a loyalty card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/unlink_profile.
        """
    unlinkLoyaltyCardFromProfile = unlink_loyalty_card_from_profile
    def integration_get_all_campaigns(
        self,
        *,
        page_size: int | None = None,
        skip: int | None = None,
        campaign_ids: Sequence[str] | None = None,
        start_after: str | None = None,
        start_before: str | None = None,
        end_after: str | None = None,
        end_before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse200]:
        """List all running campaigns: GET /v1/integration/campaigns."""
    integrationGetAllCampaigns = integration_get_all_campaigns
    def track_event_v2(
        self,
        body: IntegrationEventV2Request,
        *,
        silent: str | None = None,
        dry: bool | None = None,
        force_complete_evaluation: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[IntegrationEventV2Response]:
        """Track event: POST /v2/events."""
    trackEventV2 = track_event_v2
    def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> TypedApiResponse[Referral]:
        """Create referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    def create_referrals_for_multiple_advocates(
        self, body: NewReferralsForMultipleAdvocates, *, silent: str | None = None, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse201]:
        """Create referral codes for multiple advocates: POST /v1/referrals_for_multiple_advocates."""
    createReferralsForMultipleAdvocates = create_referrals_for_multiple_advocates
    def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> TypedApiResponse[None]:
        """Delete customer's personal data: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Coupon]:
        """Create coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    def get_reserved_customers(
        self, coupon_value: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse2001]:
        """List customers that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        coupons: bool | None = None,
        loyalty: bool | None = None,
        giveaways: bool | None = None,
        achievements: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[CustomerInventory]:
        """List customer data: GET /v1/customer_profiles/{integrationId}/inventory."""
    getCustomerInventory = get_customer_inventory
    def get_customer_achievements(
        self,
        integration_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        achievement_ids: Sequence[str] | None = None,
        achievement_status: Sequence[Literal["active", "scheduled"]] | None = None,
        current_progress_status: Sequence[Literal["inprogress", "completed", "not_started"]] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2002]:
        """List customer's available achievements: GET /v1/customer_profiles/{integrationId}/achievements."""
    getCustomerAchievements = get_customer_achievements
    def get_customer_achievement_history(
        self,
        integration_id: str,
        achievement_id: int,
        *,
        progress_status: Sequence[Literal["inprogress", "completed", "expired"]] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2003]:
        """List customer's achievement history: GET /v1/customer_profiles/{integrationId}/achievements/{achievementId}.
        """
    getCustomerAchievementHistory = get_customer_achievement_history
    def get_loyalty_card_balances(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        end_date: str | None = None,
        subledger_id: Sequence[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyCardBalances]:
        """Get card's point balances: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/balances."""
    getLoyaltyCardBalances = get_loyalty_card_balances
    def get_loyalty_balances(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        end_date: str | None = None,
        subledger_id: str | None = None,
        include_tiers: bool | None = None,
        include_projected_tier: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyBalancesWithTiers]:
        """Get customer's loyalty balances: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances.
        """
    getLoyaltyBalances = get_loyalty_balances
    def get_loyalty_card_transactions(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        subledger_id: Sequence[str] | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2004]:
        """List card's transactions: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/transactions."""
    getLoyaltyCardTransactions = get_loyalty_card_transactions
    def get_loyalty_program_profile_transactions(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        subledger_id: str | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2005]:
        """List customer's loyalty transactions: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/transactions.
        """
    getLoyaltyProgramProfileTransactions = get_loyalty_program_profile_transactions
    def delete_loyalty_transactions_from_ledgers(
        self,
        loyalty_program_id: int,
        integration_id: str,
        body: DeleteLoyaltyTransactionsRequest,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[None]:
        """Delete customer's transactions from loyalty ledgers: POST
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/delete_transactions.
        """
    deleteLoyaltyTransactionsFromLedgers = delete_loyalty_transactions_from_ledgers
    def get_loyalty_card_points(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: Sequence[str] | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2006]:
        """List card's unused loyalty points: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/points.
        """
    getLoyaltyCardPoints = get_loyalty_card_points
    def get_loyalty_program_profile_points(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2007]:
        """List customer's unused loyalty points: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/points.
        """
    getLoyaltyProgramProfilePoints = get_loyalty_program_profile_points
    def activate_loyalty_points(
        self, loyalty_program_id: int, body: ActivateLoyaltyPoints, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[ActivateLoyaltyPointsResponse]:
        """Activate loyalty points: POST /v1/loyalty_programs/{loyaltyProgramId}/activate_points."""
    activateLoyaltyPoints = activate_loyalty_points
    def generate_loyalty_card(
        self, loyalty_program_id: int, body: GenerateLoyaltyCard, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[LoyaltyCard]:
        """Generate loyalty card: POST /v1/loyalty_programs/{loyaltyProgramId}/cards."""
    generateLoyaltyCard = generate_loyalty_card
    def best_prior_price(
        self, body: BestPriorPriceRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[BestPriorPriceResponse]:
        """Fetch best prior price: POST /v1/best_prior_price."""
    bestPriorPrice = best_prior_price
    def sync_catalog(
        self, catalog_id: int, body: CatalogSyncRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Catalog]:
        """Sync cart item catalog: PUT /v1/catalogs/{catalogId}/sync."""
    syncCatalog = sync_catalog

class _AsyncClientWithResponse(_WithResponse):
    async def get_customer_session(
        self, customer_session_id: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationCustomerSessionResponse]:
        """Get customer session: GET /v2/customer_sessions/{customerSessionId}."""
    getCustomerSession = get_customer_session
    async def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        dry: bool | None = None,
        now: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Update customer session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2
    async def return_cart_items(
        self,
        customer_session_id: str,
        body: ReturnIntegrationRequest,
        *,
        dry: bool | None = None,
        run_rule_engine: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Return cart items: POST /v2/customer_sessions/{customerSessionId}/returns."""
    returnCartItems = return_cart_items
    async def reopen_customer_session(
        self, customer_session_id: str, *, idempotency_key: str | None = None, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[ReopenSessionResponse]:
        """Reopen customer session: PUT /v2/customer_sessions/{customerSessionId}/reopen."""
    reopenCustomerSession = reopen_customer_session
    async def update_customer_profile_v2(
        self,
        integration_id: str,
        body: CustomerProfileIntegrationRequestV2,
        *,
        run_rule_engine: bool | None = None,
        dry: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[CustomerProfileIntegrationResponseV2]:
        """Update customer profile: PUT /v2/customer_profiles/{integrationId}."""
    updateCustomerProfileV2 = update_customer_profile_v2
    async def update_customer_profiles_v2(
        self,
        body: MultipleCustomerProfileIntegrationRequest,
        *,
        silent: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[MultipleCustomerProfileIntegrationResponseV2]:
        """Update multiple customer profiles: PUT /v2/customer_profiles."""
    updateCustomerProfilesV2 = update_customer_profiles_v2
    async def create_audience_v2(self, body: NewAudience, **options: Unpack[CallOptions]) -> TypedApiResponse[Audience]:
        """Create audience: POST /v2/audiences."""
    createAudienceV2 = create_audience_v2
    async def update_audience_v2(
        self, audience_id: int, body: UpdateAudience, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Audience]:
        """Update audience name: PUT /v2/audiences/{audienceId}."""
    updateAudienceV2 = update_audience_v2
    async def delete_audience_v2(self, audience_id: int, **options: Unpack[CallOptions]) -> TypedApiResponse[None]:
        """Delete audience: DELETE /v2/audiences/{audienceId}."""
    deleteAudienceV2 = delete_audience_v2
    async def delete_audience_memberships_v2(
        self, audience_id: int, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Delete audience memberships: DELETE /v2/audiences/{audienceId}/memberships."""
    deleteAudienceMembershipsV2 = delete_audience_memberships_v2
    async def update_customer_profile_audiences(
        self, body: CustomerProfileAudienceRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Update multiple customer profiles' audiences: POST /v2/customer_audiences."""
    updateCustomerProfileAudiences = update_customer_profile_audiences
    async def update_audience_customers_attributes(
        self, audience_id: int, body: AttributeQuery, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Update profile attributes for all customers in audience: PUT /v2/audience_customers/{audienceId}/attributes.
        """
    updateAudienceCustomersAttributes = update_audience_customers_attributes
    async def link_loyalty_card_to_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyCard]:
        """Link customer profile to card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/link_profile.
        """
    linkLoyaltyCardToProfile = link_loyalty_card_to_profile
    async def unlink_loyalty_card_from_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyCard]:
        """Unlink customer profile from a loyalty card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/unlink_profile.
        """
    unlinkLoyaltyCardFromProfile = unlink_loyalty_card_from_profile
    async def integration_get_all_campaigns(
        self,
        *,
        page_size: int | None = None,
        skip: int | None = None,
        campaign_ids: Sequence[str] | None = None,
        start_after: str | None = None,
        start_before: str | None = None,
        end_after: str | None = None,
        end_before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse200]:
        """List all running campaigns: GET /v1/integration/campaigns."""
    integrationGetAllCampaigns = integration_get_all_campaigns
    async def track_event_v2(
        self,
        body: IntegrationEventV2Request,
        *,
        silent: str | None = None,
        dry: bool | None = None,
        force_complete_evaluation: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[IntegrationEventV2Response]:
        """Track event: POST /v2/events."""
    trackEventV2 = track_event_v2
    async def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> TypedApiResponse[Referral]:
        """Create referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    async def create_referrals_for_multiple_advocates(
        self, body: NewReferralsForMultipleAdvocates, *, silent: str | None = None, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse201]:
        """Create referral codes for multiple advocates: POST /v1/referrals_for_multiple_advocates."""
    createReferralsForMultipleAdvocates = create_referrals_for_multiple_advocates
    async def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> TypedApiResponse[None]:
        """Delete customer's personal data: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    async def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Coupon]:
        """Create coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    async def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    async def get_reserved_customers(
        self, coupon_value: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse2001]:
        """List customers that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    async def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        coupons: bool | None = None,
        loyalty: bool | None = None,
        giveaways: bool | None = None,
        achievements: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[CustomerInventory]:
        """List customer data: GET /v1/customer_profiles/{integrationId}/inventory."""
    getCustomerInventory = get_customer_inventory
    async def get_customer_achievements(
        self,
        integration_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        achievement_ids: Sequence[str] | None = None,
        achievement_status: Sequence[Literal["active", "scheduled"]] | None = None,
        current_progress_status: Sequence[Literal["inprogress", "completed", "not_started"]] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2002]:
        """List customer's available achievements: GET /v1/customer_profiles/{integrationId}/achievements."""
    getCustomerAchievements = get_customer_achievements
    async def get_customer_achievement_history(
        self,
        integration_id: str,
        achievement_id: int,
        *,
        progress_status: Sequence[Literal["inprogress", "completed", "expired"]] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2003]:
        """List customer's achievement history: GET /v1/customer_profiles/{integrationId}/achievements/{achievementId}.
        """
    getCustomerAchievementHistory = get_customer_achievement_history
    async def get_loyalty_card_balances(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        end_date: str | None = None,
        subledger_id: Sequence[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyCardBalances]:
        """Get card's point balances: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/balances."""
    getLoyaltyCardBalances = get_loyalty_card_balances
    async def get_loyalty_balances(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        end_date: str | None = None,
        subledger_id: str | None = None,
        include_tiers: bool | None = None,
        include_projected_tier: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[LoyaltyBalancesWithTiers]:
        """Get customer's loyalty balances: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances.
        """
    getLoyaltyBalances = get_loyalty_balances
    async def get_loyalty_card_transactions(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        subledger_id: Sequence[str] | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2004]:
        """List card's transactions: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/transactions."""
    getLoyaltyCardTransactions = get_loyalty_card_transactions
    async def get_loyalty_program_profile_transactions(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        subledger_id: str | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2005]:
        """List customer's loyalty transactions: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/transactions.
        """
    getLoyaltyProgramProfileTransactions = get_loyalty_program_profile_transactions
    async def delete_loyalty_transactions_from_ledgers(
        self,
        loyalty_program_id: int,
        integration_id: str,
        body: DeleteLoyaltyTransactionsRequest,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[None]:
        """Delete customer's transactions from loyalty ledgers: POST
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/delete_transactions.
        """
    deleteLoyaltyTransactionsFromLedgers = delete_loyalty_transactions_from_ledgers
    async def get_loyalty_card_points(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: Sequence[str] | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2006]:
        """List card's unused loyalty points: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/points.
        """
    getLoyaltyCardPoints = get_loyalty_card_points
    async def get_loyalty_program_profile_points(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[InlineResponse2007]:
        """List customer's unused loyalty points: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/points.
        """
    getLoyaltyProgramProfilePoints = get_loyalty_program_profile_points
    async def activate_loyalty_points(
        self, loyalty_program_id: int, body: ActivateLoyaltyPoints, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[ActivateLoyaltyPointsResponse]:
        """Activate loyalty points: POST /v1/loyalty_programs/{loyaltyProgramId}/activate_points."""
    activateLoyaltyPoints = activate_loyalty_points
    async def generate_loyalty_card(
        self, loyalty_program_id: int, body: GenerateLoyaltyCard, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[LoyaltyCard]:
        """Generate loyalty card: POST /v1/loyalty_programs/{loyaltyProgramId}/cards."""
    generateLoyaltyCard = generate_loyalty_card
    async def best_prior_price(
        self, body: BestPriorPriceRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[BestPriorPriceResponse]:
        """Fetch best prior price: POST /v1/best_prior_price."""
    bestPriorPrice = best_prior_price
    async def sync_catalog(
        self, catalog_id: int, body: CatalogSyncRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Catalog]:
        """Sync cart item catalog: PUT /v1/catalogs/{catalogId}/sync."""
    syncCatalog = sync_catalog

class _ClientPages(_Pages):
    def integration_get_all_campaigns(
        self,
        *,
        campaign_ids: Sequence[str] | None = None,
        start_after: str | None = None,
        start_before: str | None = None,
        end_after: str | None = None,
        end_before: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[IntegrationCampaign]:
        """Every item of integrationGetAllCampaigns, page after page."""
    def get_customer_achievements(
        self,
        integration_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        achievement_ids: Sequence[str] | None = None,
        achievement_status: Sequence[Literal["active", "scheduled"]] | None = None,
        current_progress_status: Sequence[Literal["inprogress", "completed", "not_started"]] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[AchievementStatusEntry]:
        """Every item of getCustomerAchievements, page after page."""
    def get_customer_achievement_history(
        self,
        integration_id: str,
        achievement_id: int,
        *,
        progress_status: Sequence[Literal["inprogress", "completed", "expired"]] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[AchievementProgress]:
        """Every item of getCustomerAchievementHistory, page after page."""
    def get_loyalty_card_transactions(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        subledger_id: Sequence[str] | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        awaits_activation: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[CardLedgerTransactionLogEntryIntegrationAPI]:
        """Every item of getLoyaltyCardTransactions, page after page."""
    def get_loyalty_program_profile_transactions(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        subledger_id: str | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        awaits_activation: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[LedgerTransactionLogEntryIntegrationAPI]:
        """Every item of getLoyaltyProgramProfileTransactions, page after page."""
    def get_loyalty_card_points(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: Sequence[str] | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[CardLedgerPointsEntryIntegrationAPI]:
        """Every item of getLoyaltyCardPoints, page after page."""
    def get_loyalty_program_profile_points(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[LedgerPointsEntryIntegrationAPI]:
        """Every item of getLoyaltyProgramProfilePoints, page after page."""

class _AsyncClientPages(_Pages):
    def integration_get_all_campaigns(
        self,
        *,
        campaign_ids: Sequence[str] | None = None,
        start_after: str | None = None,
        start_before: str | None = None,
        end_after: str | None = None,
        end_before: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[IntegrationCampaign]:
        """Every item of integrationGetAllCampaigns, page after page."""
    def get_customer_achievements(
        self,
        integration_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        achievement_ids: Sequence[str] | None = None,
        achievement_status: Sequence[Literal["active", "scheduled"]] | None = None,
        current_progress_status: Sequence[Literal["inprogress", "completed", "not_started"]] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[AchievementStatusEntry]:
        """Every item of getCustomerAchievements, page after page."""
    def get_customer_achievement_history(
        self,
        integration_id: str,
        achievement_id: int,
        *,
        progress_status: Sequence[Literal["inprogress", "completed", "expired"]] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[AchievementProgress]:
        """Every item of getCustomerAchievementHistory, page after page."""
    def get_loyalty_card_transactions(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        subledger_id: Sequence[str] | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        awaits_activation: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[CardLedgerTransactionLogEntryIntegrationAPI]:
        """Every item of getLoyaltyCardTransactions, page after page."""
    def get_loyalty_program_profile_transactions(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        subledger_id: str | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        awaits_activation: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[LedgerTransactionLogEntryIntegrationAPI]:
        """Every item of getLoyaltyProgramProfileTransactions, page after page."""
    def get_loyalty_card_points(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: Sequence[str] | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[CardLedgerPointsEntryIntegrationAPI]:
        """Every item of getLoyaltyCardPoints, page after page."""
    def get_loyalty_program_profile_points(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[LedgerPointsEntryIntegrationAPI]:
        """Every item of getLoyaltyProgramProfilePoints, page after page."""

class Client(_Client):
    """A synchronous client: one method per operation of the spec."""

    with_response: _ClientWithResponse
    paginate: _ClientPages
    def get_customer_session(
        self, customer_session_id: str, **options: Unpack[CallOptions]
    ) -> IntegrationCustomerSessionResponse:
        """Get customer session: GET /v2/customer_sessions/{customerSessionId}."""
    getCustomerSession = get_customer_session
    def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        dry: bool | None = None,
        now: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> IntegrationStateV2:
        """Update customer session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2
    def return_cart_items(
        self,
        customer_session_id: str,
        body: ReturnIntegrationRequest,
        *,
        dry: bool | None = None,
        run_rule_engine: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> IntegrationStateV2:
        """Return cart items: POST /v2/customer_sessions/{customerSessionId}/returns."""
    returnCartItems = return_cart_items
    def reopen_customer_session(
        self, customer_session_id: str, *, idempotency_key: str | None = None, **options: Unpack[CallOptions]
    ) -> ReopenSessionResponse:
        """Reopen customer session: PUT /v2/customer_sessions/{customerSessionId}/reopen."""
    reopenCustomerSession = reopen_customer_session
    def update_customer_profile_v2(
        self,
        integration_id: str,
        body: CustomerProfileIntegrationRequestV2,
        *,
        run_rule_engine: bool | None = None,
        dry: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> CustomerProfileIntegrationResponseV2:
        """Update customer profile: PUT /v2/customer_profiles/{integrationId}."""
    updateCustomerProfileV2 = update_customer_profile_v2
    def update_customer_profiles_v2(
        self,
        body: MultipleCustomerProfileIntegrationRequest,
        *,
        silent: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> MultipleCustomerProfileIntegrationResponseV2:
        """Update multiple customer profiles: PUT /v2/customer_profiles."""
    updateCustomerProfilesV2 = update_customer_profiles_v2
    def create_audience_v2(self, body: NewAudience, **options: Unpack[CallOptions]) -> Audience:
        """Create audience: POST /v2/audiences."""
    createAudienceV2 = create_audience_v2
    def update_audience_v2(self, audience_id: int, body: UpdateAudience, **options: Unpack[CallOptions]) -> Audience:
        """Update audience name: PUT /v2/audiences/{audienceId}."""
    updateAudienceV2 = update_audience_v2
    def delete_audience_v2(self, audience_id: int, **options: Unpack[CallOptions]) -> None:
        """Delete audience: DELETE /v2/audiences/{audienceId}."""
    deleteAudienceV2 = delete_audience_v2
    def delete_audience_memberships_v2(self, audience_id: int, **options: Unpack[CallOptions]) -> None:
        """Delete audience memberships: DELETE /v2/audiences/{audienceId}/memberships."""
    deleteAudienceMembershipsV2 = delete_audience_memberships_v2
    def update_customer_profile_audiences(
        self, body: CustomerProfileAudienceRequest, **options: Unpack[CallOptions]
    ) -> None:
        """Update multiple customer profiles' audiences: POST /v2/customer_audiences."""
    updateCustomerProfileAudiences = update_customer_profile_audiences
    def update_audience_customers_attributes(
        self, audience_id: int, body: AttributeQuery, **options: Unpack[CallOptions]
    ) -> None:
        """Update profile attributes for all customers in audience: PUT /v2/audience_customers/{audienceId}/attributes.
        """
    updateAudienceCustomersAttributes = update_audience_customers_attributes
    def link_loyalty_card_to_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> LoyaltyCard:
        """Link customer profile to card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/link_profile.
        """
    linkLoyaltyCardToProfile = link_loyalty_card_to_profile
    def unlink_loyalty_card_from_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> LoyaltyCard:
        """Unlink customer profile from a loyalty card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/unlink_profile.
        """
    unlinkLoyaltyCardFromProfile = unlink_loyalty_card_from_profile
    def integration_get_all_campaigns(
        self,
        *,
        page_size: int | None = None,
        skip: int | None = None,
        campaign_ids: Sequence[str] | None = None,
        start_after: str | None = None,
        start_before: str | None = None,
        end_after: str | None = None,
        end_before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse200:
        """List all running campaigns: GET /v1/integration/campaigns."""
    integrationGetAllCampaigns = integration_get_all_campaigns
    def track_event_v2(
        self,
        body: IntegrationEventV2Request,
        *,
        silent: str | None = None,
        dry: bool | None = None,
        force_complete_evaluation: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> IntegrationEventV2Response:
        """Track event: POST /v2/events."""
    trackEventV2 = track_event_v2
    def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> Referral:
        """Create referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    def create_referrals_for_multiple_advocates(
        self, body: NewReferralsForMultipleAdvocates, *, silent: str | None = None, **options: Unpack[CallOptions]
    ) -> InlineResponse201:
        """Create referral codes for multiple advocates: POST /v1/referrals_for_multiple_advocates."""
    createReferralsForMultipleAdvocates = create_referrals_for_multiple_advocates
    def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> None:
        """Delete customer's personal data: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> Coupon:
        """Create coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> None:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    def get_reserved_customers(self, coupon_value: str, **options: Unpack[CallOptions]) -> InlineResponse2001:
        """List customers that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        coupons: bool | None = None,
        loyalty: bool | None = None,
        giveaways: bool | None = None,
        achievements: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> CustomerInventory:
        """List customer data: GET /v1/customer_profiles/{integrationId}/inventory."""
    getCustomerInventory = get_customer_inventory
    def get_customer_achievements(
        self,
        integration_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        achievement_ids: Sequence[str] | None = None,
        achievement_status: Sequence[Literal["active", "scheduled"]] | None = None,
        current_progress_status: Sequence[Literal["inprogress", "completed", "not_started"]] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2002:
        """List customer's available achievements: GET /v1/customer_profiles/{integrationId}/achievements."""
    getCustomerAchievements = get_customer_achievements
    def get_customer_achievement_history(
        self,
        integration_id: str,
        achievement_id: int,
        *,
        progress_status: Sequence[Literal["inprogress", "completed", "expired"]] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2003:
        """List customer's achievement history: GET /v1/customer_profiles/{integrationId}/achievements/{achievementId}.
        """
    getCustomerAchievementHistory = get_customer_achievement_history
    def get_loyalty_card_balances(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        end_date: str | None = None,
        subledger_id: Sequence[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> LoyaltyCardBalances:
        """Get card's point balances: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/balances."""
    getLoyaltyCardBalances = get_loyalty_card_balances
    def get_loyalty_balances(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        end_date: str | None = None,
        subledger_id: str | None = None,
        include_tiers: bool | None = None,
        include_projected_tier: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> LoyaltyBalancesWithTiers:
        """Get customer's loyalty balances: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances.
        """
    getLoyaltyBalances = get_loyalty_balances
    def get_loyalty_card_transactions(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        subledger_id: Sequence[str] | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2004:
        """List card's transactions: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/transactions."""
    getLoyaltyCardTransactions = get_loyalty_card_transactions
    def get_loyalty_program_profile_transactions(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        subledger_id: str | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2005:
        """List customer's loyalty transactions: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/transactions.
        """
    getLoyaltyProgramProfileTransactions = get_loyalty_program_profile_transactions
    def delete_loyalty_transactions_from_ledgers(
        self,
        loyalty_program_id: int,
        integration_id: str,
        body: DeleteLoyaltyTransactionsRequest,
        **options: Unpack[CallOptions],
    ) -> None:
        """Delete customer's transactions from loyalty ledgers: POST
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/delete_transactions.
        """
    deleteLoyaltyTransactionsFromLedgers = delete_loyalty_transactions_from_ledgers
    def get_loyalty_card_points(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: Sequence[str] | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2006:
        """List card's unused loyalty points: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/points.
        """
    getLoyaltyCardPoints = get_loyalty_card_points
    def get_loyalty_program_profile_points(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2007:
        """List customer's unused loyalty points: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/points.
        """
    getLoyaltyProgramProfilePoints = get_loyalty_program_profile_points
    def activate_loyalty_points(
        self, loyalty_program_id: int, body: ActivateLoyaltyPoints, **options: Unpack[CallOptions]
    ) -> ActivateLoyaltyPointsResponse:
        """Activate loyalty points: POST /v1/loyalty_programs/{loyaltyProgramId}/activate_points."""
    activateLoyaltyPoints = activate_loyalty_points
    def generate_loyalty_card(
        self, loyalty_program_id: int, body: GenerateLoyaltyCard, **options: Unpack[CallOptions]
    ) -> LoyaltyCard:
        """Generate loyalty card: POST /v1/loyalty_programs/{loyaltyProgramId}/cards."""
    generateLoyaltyCard = generate_loyalty_card
    def best_prior_price(self, body: BestPriorPriceRequest, **options: Unpack[CallOptions]) -> BestPriorPriceResponse:
        """Fetch best prior price: POST /v1/best_prior_price."""
    bestPriorPrice = best_prior_price
    def sync_catalog(self, catalog_id: int, body: CatalogSyncRequest, **options: Unpack[CallOptions]) -> Catalog:
        """Sync cart item catalog: PUT /v1/catalogs/{catalogId}/sync."""
    syncCatalog = sync_catalog

class AsyncClient(_AsyncClient):
    """An asyncio client whose operations are coroutine methods."""

    with_response: _AsyncClientWithResponse
    paginate: _AsyncClientPages
    async def get_customer_session(
        self, customer_session_id: str, **options: Unpack[CallOptions]
    ) -> IntegrationCustomerSessionResponse:
        """Get customer session: GET /v2/customer_sessions/{customerSessionId}."""
    getCustomerSession = get_customer_session
    async def update_customer_session_v2(
        self,
        customer_session_id: str,
        body: IntegrationRequest,
        *,
        dry: bool | None = None,
        now: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> IntegrationStateV2:
        """Update customer session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2
    async def return_cart_items(
        self,
        customer_session_id: str,
        body: ReturnIntegrationRequest,
        *,
        dry: bool | None = None,
        run_rule_engine: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> IntegrationStateV2:
        """Return cart items: POST /v2/customer_sessions/{customerSessionId}/returns."""
    returnCartItems = return_cart_items
    async def reopen_customer_session(
        self, customer_session_id: str, *, idempotency_key: str | None = None, **options: Unpack[CallOptions]
    ) -> ReopenSessionResponse:
        """Reopen customer session: PUT /v2/customer_sessions/{customerSessionId}/reopen."""
    reopenCustomerSession = reopen_customer_session
    async def update_customer_profile_v2(
        self,
        integration_id: str,
        body: CustomerProfileIntegrationRequestV2,
        *,
        run_rule_engine: bool | None = None,
        dry: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> CustomerProfileIntegrationResponseV2:
        """Update customer profile: PUT /v2/customer_profiles/{integrationId}."""
    updateCustomerProfileV2 = update_customer_profile_v2
    async def update_customer_profiles_v2(
        self,
        body: MultipleCustomerProfileIntegrationRequest,
        *,
        silent: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> MultipleCustomerProfileIntegrationResponseV2:
        """Update multiple customer profiles: PUT /v2/customer_profiles."""
    updateCustomerProfilesV2 = update_customer_profiles_v2
    async def create_audience_v2(self, body: NewAudience, **options: Unpack[CallOptions]) -> Audience:
        """Create audience: POST /v2/audiences."""
    createAudienceV2 = create_audience_v2
    async def update_audience_v2(
        self, audience_id: int, body: UpdateAudience, **options: Unpack[CallOptions]
    ) -> Audience:
        """Update audience name: PUT /v2/audiences/{audienceId}."""
    updateAudienceV2 = update_audience_v2
    async def delete_audience_v2(self, audience_id: int, **options: Unpack[CallOptions]) -> None:
        """Delete audience: DELETE /v2/audiences/{audienceId}."""
    deleteAudienceV2 = delete_audience_v2
    async def delete_audience_memberships_v2(self, audience_id: int, **options: Unpack[CallOptions]) -> None:
        """Delete audience memberships: DELETE /v2/audiences/{audienceId}/memberships."""
    deleteAudienceMembershipsV2 = delete_audience_memberships_v2
    async def update_customer_profile_audiences(
        self, body: CustomerProfileAudienceRequest, **options: Unpack[CallOptions]
    ) -> None:
        """Update multiple customer profiles' audiences: POST /v2/customer_audiences."""
    updateCustomerProfileAudiences = update_customer_profile_audiences
    async def update_audience_customers_attributes(
        self, audience_id: int, body: AttributeQuery, **options: Unpack[CallOptions]
    ) -> None:
        """Update profile attributes for all customers in audience: PUT /v2/audience_customers/{audienceId}/attributes.
        """
    updateAudienceCustomersAttributes = update_audience_customers_attributes
    async def link_loyalty_card_to_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> LoyaltyCard:
        """Link customer profile to card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/link_profile.
        """
    linkLoyaltyCardToProfile = link_loyalty_card_to_profile
    async def unlink_loyalty_card_from_profile(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        body: LoyaltyCardRegistration,
        **options: Unpack[CallOptions],
    ) -> LoyaltyCard:
        """Unlink customer profile from a loyalty card: POST
        /v2/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/unlink_profile.
        """
    unlinkLoyaltyCardFromProfile = unlink_loyalty_card_from_profile
    async def integration_get_all_campaigns(
        self,
        *,
        page_size: int | None = None,
        skip: int | None = None,
        campaign_ids: Sequence[str] | None = None,
        start_after: str | None = None,
        start_before: str | None = None,
        end_after: str | None = None,
        end_before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse200:
        """List all running campaigns: GET /v1/integration/campaigns."""
    integrationGetAllCampaigns = integration_get_all_campaigns
    async def track_event_v2(
        self,
        body: IntegrationEventV2Request,
        *,
        silent: str | None = None,
        dry: bool | None = None,
        force_complete_evaluation: bool | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> IntegrationEventV2Response:
        """Track event: POST /v2/events."""
    trackEventV2 = track_event_v2
    async def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> Referral:
        """Create referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    async def create_referrals_for_multiple_advocates(
        self, body: NewReferralsForMultipleAdvocates, *, silent: str | None = None, **options: Unpack[CallOptions]
    ) -> InlineResponse201:
        """Create referral codes for multiple advocates: POST /v1/referrals_for_multiple_advocates."""
    createReferralsForMultipleAdvocates = create_referrals_for_multiple_advocates
    async def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> None:
        """Delete customer's personal data: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    async def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> Coupon:
        """Create coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    async def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> None:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    async def get_reserved_customers(self, coupon_value: str, **options: Unpack[CallOptions]) -> InlineResponse2001:
        """List customers that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    async def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        coupons: bool | None = None,
        loyalty: bool | None = None,
        giveaways: bool | None = None,
        achievements: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> CustomerInventory:
        """List customer data: GET /v1/customer_profiles/{integrationId}/inventory."""
    getCustomerInventory = get_customer_inventory
    async def get_customer_achievements(
        self,
        integration_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        achievement_ids: Sequence[str] | None = None,
        achievement_status: Sequence[Literal["active", "scheduled"]] | None = None,
        current_progress_status: Sequence[Literal["inprogress", "completed", "not_started"]] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2002:
        """List customer's available achievements: GET /v1/customer_profiles/{integrationId}/achievements."""
    getCustomerAchievements = get_customer_achievements
    async def get_customer_achievement_history(
        self,
        integration_id: str,
        achievement_id: int,
        *,
        progress_status: Sequence[Literal["inprogress", "completed", "expired"]] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2003:
        """List customer's achievement history: GET /v1/customer_profiles/{integrationId}/achievements/{achievementId}.
        """
    getCustomerAchievementHistory = get_customer_achievement_history
    async def get_loyalty_card_balances(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        end_date: str | None = None,
        subledger_id: Sequence[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> LoyaltyCardBalances:
        """Get card's point balances: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/balances."""
    getLoyaltyCardBalances = get_loyalty_card_balances
    async def get_loyalty_balances(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        end_date: str | None = None,
        subledger_id: str | None = None,
        include_tiers: bool | None = None,
        include_projected_tier: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> LoyaltyBalancesWithTiers:
        """Get customer's loyalty balances: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances.
        """
    getLoyaltyBalances = get_loyalty_balances
    async def get_loyalty_card_transactions(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        subledger_id: Sequence[str] | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2004:
        """List card's transactions: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/transactions."""
    getLoyaltyCardTransactions = get_loyalty_card_transactions
    async def get_loyalty_program_profile_transactions(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        subledger_id: str | None = None,
        loyalty_transaction_type: Literal["manual", "session", "import"] | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        awaits_activation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2005:
        """List customer's loyalty transactions: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/transactions.
        """
    getLoyaltyProgramProfileTransactions = get_loyalty_program_profile_transactions
    async def delete_loyalty_transactions_from_ledgers(
        self,
        loyalty_program_id: int,
        integration_id: str,
        body: DeleteLoyaltyTransactionsRequest,
        **options: Unpack[CallOptions],
    ) -> None:
        """Delete customer's transactions from loyalty ledgers: POST
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/delete_transactions.
        """
    deleteLoyaltyTransactionsFromLedgers = delete_loyalty_transactions_from_ledgers
    async def get_loyalty_card_points(
        self,
        loyalty_program_id: int,
        loyalty_card_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: Sequence[str] | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2006:
        """List card's unused loyalty points: GET /v1/loyalty_programs/{loyaltyProgramId}/cards/{loyaltyCardId}/points.
        """
    getLoyaltyCardPoints = get_loyalty_card_points
    async def get_loyalty_program_profile_points(
        self,
        loyalty_program_id: int,
        integration_id: str,
        *,
        status: Literal["active", "pending", "expired"] | None = None,
        subledger_id: str | None = None,
        customer_session_i_ds: Sequence[str] | None = None,
        transaction_uui_ds: Sequence[str] | None = None,
        page_size: int | None = None,
        skip: int | None = None,
        sort: Literal["startDate", "expiryDate"] | None = None,
        **options: Unpack[CallOptions],
    ) -> InlineResponse2007:
        """List customer's unused loyalty points: GET
        /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/points.
        """
    getLoyaltyProgramProfilePoints = get_loyalty_program_profile_points
    async def activate_loyalty_points(
        self, loyalty_program_id: int, body: ActivateLoyaltyPoints, **options: Unpack[CallOptions]
    ) -> ActivateLoyaltyPointsResponse:
        """Activate loyalty points: POST /v1/loyalty_programs/{loyaltyProgramId}/activate_points."""
    activateLoyaltyPoints = activate_loyalty_points
    async def generate_loyalty_card(
        self, loyalty_program_id: int, body: GenerateLoyaltyCard, **options: Unpack[CallOptions]
    ) -> LoyaltyCard:
        """Generate loyalty card: POST /v1/loyalty_programs/{loyaltyProgramId}/cards."""
    generateLoyaltyCard = generate_loyalty_card
    async def best_prior_price(
        self, body: BestPriorPriceRequest, **options: Unpack[CallOptions]
    ) -> BestPriorPriceResponse:
        """Fetch best prior price: POST /v1/best_prior_price."""
    bestPriorPrice = best_prior_price
    async def sync_catalog(self, catalog_id: int, body: CatalogSyncRequest, **options: Unpack[CallOptions]) -> Catalog:
        """Sync cart item catalog: PUT /v1/catalogs/{catalogId}/sync."""
    syncCatalog = sync_catalog
