"""Notifications: templates per event and the channels that deliver them (issue 17, in progress)."""

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(prefix="/v1/notifications", tags=["notifications"])
