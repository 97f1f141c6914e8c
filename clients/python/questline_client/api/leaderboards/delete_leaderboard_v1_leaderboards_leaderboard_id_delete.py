from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    leaderboard_id: str,
    *,
    confirm: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_confirm: None | str | Unset
    if isinstance(confirm, Unset):
        json_confirm = UNSET
    else:
        json_confirm = confirm
    params["confirm"] = json_confirm

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/leaderboards/{leaderboard_id}".format(
            leaderboard_id=quote(str(leaderboard_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorBody | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
) -> Response[Any | ErrorBody]:
    """Delete a leaderboard

     Deletes a leaderboard and all its standings (the ledger is untouched). An active leaderboard
    needs `?confirm=<its id>` (409 `leaderboard_active` otherwise); an archived one does not.

    Args:
        leaderboard_id (str):
        confirm (None | str | Unset): The leaderboard's id, to delete an active one

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        confirm=confirm,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
) -> Any | ErrorBody | None:
    """Delete a leaderboard

     Deletes a leaderboard and all its standings (the ledger is untouched). An active leaderboard
    needs `?confirm=<its id>` (409 `leaderboard_active` otherwise); an archived one does not.

    Args:
        leaderboard_id (str):
        confirm (None | str | Unset): The leaderboard's id, to delete an active one

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody
    """

    return sync_detailed(
        leaderboard_id=leaderboard_id,
        client=client,
        confirm=confirm,
    ).parsed


async def asyncio_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
) -> Response[Any | ErrorBody]:
    """Delete a leaderboard

     Deletes a leaderboard and all its standings (the ledger is untouched). An active leaderboard
    needs `?confirm=<its id>` (409 `leaderboard_active` otherwise); an archived one does not.

    Args:
        leaderboard_id (str):
        confirm (None | str | Unset): The leaderboard's id, to delete an active one

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        confirm=confirm,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
) -> Any | ErrorBody | None:
    """Delete a leaderboard

     Deletes a leaderboard and all its standings (the ledger is untouched). An active leaderboard
    needs `?confirm=<its id>` (409 `leaderboard_active` otherwise); an archived one does not.

    Args:
        leaderboard_id (str):
        confirm (None | str | Unset): The leaderboard's id, to delete an active one

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody
    """

    return (
        await asyncio_detailed(
            leaderboard_id=leaderboard_id,
            client=client,
            confirm=confirm,
        )
    ).parsed
