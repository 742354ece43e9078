"""Typing stubs for ``talon_dyn.Client`` and ``AsyncClient``: Talon.One Integration API 1.0.0.

Rendered from the spec by ``talon-dyn stubs``; do not edit (``make docs`` renders it again).
Type checkers read ``talon_dyn.Client`` from here; at run time it is ``talon_dyn._client.Client``.
"""

import os
from collections.abc import Mapping, Sequence
from typing import Any, Generic, Self, TypeVar

import httpx

from ._codec import ApiResponse, Mode
from ._retry import Retry
from ._spec import Operation, Spec
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
