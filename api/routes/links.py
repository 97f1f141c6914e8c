"""Magic links: a mission's shareable link that opens it in the widget (issue 17, in progress)."""

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["links"])
