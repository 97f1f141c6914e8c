"""The emulated Telegram Bot API: getChatMember."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from devstack.social_emulator.core import Fact, Failure, World, json_response


class TelegramWorld(World):
    """Telegram Bot API: getChatMember."""

    name = "telegram"
    ops = ("chat", "member")

    def clear(self) -> None:
        """Forgets every chat."""
        self.chats: dict[str, dict[str, Fact]] = {}

    @staticmethod
    def _key(chat: str) -> str:
        return chat.lower() if chat.startswith("@") else chat

    def chat(self, chat: str) -> None:
        """A chat the bot administers (`@channel` or numeric id)."""
        self.chats.setdefault(self._key(chat), {})

    def member(
        self, chat: str, user_id: str, status: str = "member", is_member: bool | None = None, hidden_reads: int = 0
    ) -> None:
        """The user's status in the chat (`member`, `left`, `kicked`, `restricted`...)."""
        self.chat(chat)
        self.chats[self._key(chat)][str(user_id)] = Fact((status, is_member), hidden_reads)

    def routes(self) -> list[BaseRoute]:
        """The method the Telegram client calls (the token is in the path)."""
        return [self.route("/{bot}/getChatMember", self._get_chat_member, ("GET", "POST"))]

    def authorized(self, request: Request) -> bool:
        """The bot token in the path."""
        return request.path_params.get("bot") == f"bot{self.credentials.telegram_token}"

    def unauthorized(self) -> Response:
        """The Bot API's 401."""
        return json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)

    def failure(self, failure: Failure) -> Response:
        """429 with `parameters.retry_after`, or a 5xx."""
        if failure.status == 429:
            wait = failure.retry_after or 1
            body = {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {wait}",
                "parameters": {"retry_after": wait},
            }
            return json_response(body, 429)
        return json_response({"ok": False, "error_code": failure.status, "description": "Bad Gateway"}, failure.status)

    async def _get_chat_member(self, request: Request) -> Response:
        chat = self._key(request.query_params.get("chat_id", ""))
        user = request.query_params.get("user_id", "")
        if chat not in self.chats:
            return json_response({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, 400)
        if not user.isdigit():
            return json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: invalid user_id specified"}, 400
            )
        fact = self.chats[chat].get(user)
        status, is_member = fact.value if fact is not None and fact.visible() else ("left", None)
        result: dict[str, Any] = {"status": status, "user": {"id": int(user), "is_bot": False, "first_name": "User"}}
        if status == "restricted":
            result |= {"is_member": bool(is_member), "until_date": 0}
        return json_response({"ok": True, "result": result})
