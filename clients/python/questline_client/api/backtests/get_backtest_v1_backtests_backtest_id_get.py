from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.backtest_out import BacktestOut
from ...models.error_body import ErrorBody
from typing import cast


def _get_kwargs(
    backtest_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/backtests/{backtest_id}".format(
            backtest_id=quote(str(backtest_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BacktestOut | ErrorBody | None:
    if response.status_code == 200:
        response_200 = BacktestOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BacktestOut | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    backtest_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[BacktestOut | ErrorBody]:
    """A backtest's status, progress and result

     `status` running, completed or failed; `progress` events read of the estimated total; `result`
    the running figures, complete (with the spread of those who did not complete, and completions by
    tier and segment) once `status` is completed.

    Args:
        backtest_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestOut | ErrorBody]
    """

    kwargs = _get_kwargs(
        backtest_id=backtest_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    backtest_id: str,
    *,
    client: AuthenticatedClient,
) -> BacktestOut | ErrorBody | None:
    """A backtest's status, progress and result

     `status` running, completed or failed; `progress` events read of the estimated total; `result`
    the running figures, complete (with the spread of those who did not complete, and completions by
    tier and segment) once `status` is completed.

    Args:
        backtest_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestOut | ErrorBody
    """

    return sync_detailed(
        backtest_id=backtest_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    backtest_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[BacktestOut | ErrorBody]:
    """A backtest's status, progress and result

     `status` running, completed or failed; `progress` events read of the estimated total; `result`
    the running figures, complete (with the spread of those who did not complete, and completions by
    tier and segment) once `status` is completed.

    Args:
        backtest_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestOut | ErrorBody]
    """

    kwargs = _get_kwargs(
        backtest_id=backtest_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    backtest_id: str,
    *,
    client: AuthenticatedClient,
) -> BacktestOut | ErrorBody | None:
    """A backtest's status, progress and result

     `status` running, completed or failed; `progress` events read of the estimated total; `result`
    the running figures, complete (with the spread of those who did not complete, and completions by
    tier and segment) once `status` is completed.

    Args:
        backtest_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestOut | ErrorBody
    """

    return (
        await asyncio_detailed(
            backtest_id=backtest_id,
            client=client,
        )
    ).parsed
