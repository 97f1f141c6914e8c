"""A real S3-compatible server for tests: moto's, on 127.0.0.1, checking every signature.

Moto serves the S3 REST API in a thread of the test process. Once the bucket and an IAM user
with S3 rights exist, IAM authentication is switched on, so every request must carry a valid
AWS Signature V4 of that user: a wrongly signed request fails as it would on AWS.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import httpx
from moto.server import ThreadedMotoServer

REGION = "eu-central-1"


@dataclass(frozen=True)
class S3Server:
    """Where the server listens, its bucket, and the credentials it accepts."""

    endpoint: str
    bucket: str
    region: str
    access_key: str
    secret_key: str


@contextlib.contextmanager
def s3_server(bucket: str = "questline-proofs") -> Iterator[S3Server]:
    """A moto server on a free loopback port with `bucket`, stopped on exit (one at a time: state is per process)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        # Moto keeps its state per process, not per server: start from nothing.
        httpx.post(f"{endpoint}/moto-api/reset").raise_for_status()
        # Set-up calls are made before authentication is on, so any credentials do.
        setup = {"endpoint_url": endpoint, "region_name": REGION, "aws_access_key_id": "setup"}
        iam = boto3.client("iam", aws_secret_access_key="setup", **setup)
        iam.create_user(UserName="questline")
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
        iam.put_user_policy(UserName="questline", PolicyName="proofs", PolicyDocument=json.dumps(policy))
        key = iam.create_access_key(UserName="questline")["AccessKey"]
        boto3.client("s3", aws_secret_access_key="setup", **setup).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        # From now on every request must be signed by the user above.
        httpx.post(f"{endpoint}/moto-api/reset-auth", content=b"0").raise_for_status()
        try:
            yield S3Server(endpoint, bucket, REGION, key["AccessKeyId"], key["SecretAccessKey"])
        finally:
            httpx.post(f"{endpoint}/moto-api/reset-auth", content=b"inf")
            httpx.post(f"{endpoint}/moto-api/reset")
    finally:
        server.stop()
