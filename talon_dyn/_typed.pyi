"""Typing stubs for ``talon_dyn.Client`` and ``AsyncClient``: Talon.One Integration API 1.0.0.

Rendered from the spec by ``talon-dyn stubs``; do not edit (``make docs`` renders it again).
Type checkers read ``talon_dyn.Client`` from here: the real client class, plus one typed method per operation.
"""

from typing import Generic, TypeVar, Unpack

from talon_dyn._client.binding import CallOptions
from talon_dyn._client.client import AsyncClient as _AsyncClient
from talon_dyn._client.client import Client as _Client
from talon_dyn._client.client import _WithResponse
from talon_dyn._client.codec import ApiResponse
from talon_dyn._client.pages import Pages as _Pages

from .types import (
    Coupon,
    CouponReservations,
    CustomerInventory,
    InlineResponse200,
    InlineResponse2001,
    IntegrationRequest,
    IntegrationState,
    IntegrationStateV2,
    NewCustomerProfile,
    NewCustomerSession,
    NewEvent,
    NewReferral,
    Referral,
)

_T = TypeVar("_T")

class TypedApiResponse(ApiResponse, Generic[_T]):
    """What ``client.with_response.<operation>(...)`` returns, with ``data`` typed."""

    data: _T

class _ClientWithResponse(_WithResponse):
    def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Coupon]:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> TypedApiResponse[Referral]:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> TypedApiResponse[None]:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[CustomerInventory]:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    def get_reserved_coupons(
        self, integration_id: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse2001]:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    def get_reserved_customers(
        self, coupon_value: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse200]:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    def track_event(self, body: NewEvent, **options: Unpack[CallOptions]) -> TypedApiResponse[IntegrationState]:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    def update_customer_profile(
        self, integration_id: str, body: NewCustomerProfile, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    def update_customer_session(
        self, customer_session_id: str, body: NewCustomerSession, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    def update_customer_session_v2(
        self, customer_session_id: str, body: IntegrationRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2

class _AsyncClientWithResponse(_WithResponse):
    async def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[Coupon]:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    async def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> TypedApiResponse[Referral]:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    async def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[None]:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    async def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> TypedApiResponse[None]:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    async def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> TypedApiResponse[CustomerInventory]:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    async def get_reserved_coupons(
        self, integration_id: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse2001]:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    async def get_reserved_customers(
        self, coupon_value: str, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[InlineResponse200]:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    async def track_event(self, body: NewEvent, **options: Unpack[CallOptions]) -> TypedApiResponse[IntegrationState]:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    async def update_customer_profile(
        self, integration_id: str, body: NewCustomerProfile, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    async def update_customer_session(
        self, customer_session_id: str, body: NewCustomerSession, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationState]:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    async def update_customer_session_v2(
        self, customer_session_id: str, body: IntegrationRequest, **options: Unpack[CallOptions]
    ) -> TypedApiResponse[IntegrationStateV2]:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2

class _ClientPages(_Pages):
    pass

class _AsyncClientPages(_Pages):
    pass

class Client(_Client):
    """A synchronous client: one method per operation of the spec."""

    with_response: _ClientWithResponse
    paginate: _ClientPages
    def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> Coupon:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> Referral:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> None:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> None:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> CustomerInventory:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    def get_reserved_coupons(self, integration_id: str, **options: Unpack[CallOptions]) -> InlineResponse2001:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    def get_reserved_customers(self, coupon_value: str, **options: Unpack[CallOptions]) -> InlineResponse200:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    def track_event(self, body: NewEvent, **options: Unpack[CallOptions]) -> IntegrationState:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    def update_customer_profile(
        self, integration_id: str, body: NewCustomerProfile, **options: Unpack[CallOptions]
    ) -> IntegrationState:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    def update_customer_session(
        self, customer_session_id: str, body: NewCustomerSession, **options: Unpack[CallOptions]
    ) -> IntegrationState:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    def update_customer_session_v2(
        self, customer_session_id: str, body: IntegrationRequest, **options: Unpack[CallOptions]
    ) -> IntegrationStateV2:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2

class AsyncClient(_AsyncClient):
    """An asyncio client whose operations are coroutine methods."""

    with_response: _AsyncClientWithResponse
    paginate: _AsyncClientPages
    async def create_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> Coupon:
        """Create a new coupon reservation: POST /v1/coupon_reservations/{couponValue}."""
    createCouponReservation = create_coupon_reservation
    async def create_referral(self, body: NewReferral, **options: Unpack[CallOptions]) -> Referral:
        """Create a referral code for an advocate: POST /v1/referrals."""
    createReferral = create_referral
    async def delete_coupon_reservation(
        self, coupon_value: str, body: CouponReservations, **options: Unpack[CallOptions]
    ) -> None:
        """Delete coupon reservations: DELETE /v1/coupon_reservations/{couponValue}."""
    deleteCouponReservation = delete_coupon_reservation
    async def delete_customer_data(self, integration_id: str, **options: Unpack[CallOptions]) -> None:
        """Delete the personal data of a customer: DELETE /v1/customer_data/{integrationId}."""
    deleteCustomerData = delete_customer_data
    async def get_customer_inventory(
        self,
        integration_id: str,
        *,
        profile: bool | None = None,
        referrals: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> CustomerInventory:
        """Get an inventory of all data associated with a specific customer profile: GET
        /v1/customer_profiles/{integrationId}/inventory.
        """
    getCustomerInventory = get_customer_inventory
    async def get_reserved_coupons(self, integration_id: str, **options: Unpack[CallOptions]) -> InlineResponse2001:
        """Get all valid reserved coupons: GET /v1/coupon_reservations/coupons/{integrationId}."""
    getReservedCoupons = get_reserved_coupons
    async def get_reserved_customers(self, coupon_value: str, **options: Unpack[CallOptions]) -> InlineResponse200:
        """Get the users that have this coupon reserved: GET /v1/coupon_reservations/customerprofiles/{couponValue}."""
    getReservedCustomers = get_reserved_customers
    async def track_event(self, body: NewEvent, **options: Unpack[CallOptions]) -> IntegrationState:
        """Track an Event: POST /v1/events."""
    trackEvent = track_event
    async def update_customer_profile(
        self, integration_id: str, body: NewCustomerProfile, **options: Unpack[CallOptions]
    ) -> IntegrationState:
        """Update a Customer Profile: PUT /v1/customer_profiles/{integrationId}."""
    updateCustomerProfile = update_customer_profile
    async def update_customer_session(
        self, customer_session_id: str, body: NewCustomerSession, **options: Unpack[CallOptions]
    ) -> IntegrationState:
        """Update a Customer Session: PUT /v1/customer_sessions/{customerSessionId}."""
    updateCustomerSession = update_customer_session
    async def update_customer_session_v2(
        self, customer_session_id: str, body: IntegrationRequest, **options: Unpack[CallOptions]
    ) -> IntegrationStateV2:
        """Update a Customer Session: PUT /v2/customer_sessions/{customerSessionId}."""
    updateCustomerSessionV2 = update_customer_session_v2
