#!/usr/bin/env python3
"""Writes sigv4-vectors.json: requests signed by botocore's reference SigV4 signer.

Run from anywhere: python3 generate-sigv4-vectors.py [OUTPUT]. The C# signer must
reproduce every canonical request and Authorization header in the file. The first two
cases are the AWS SigV4 test suite's get-vanilla and post-vanilla, whose published
signatures are asserted here so the reference itself is checked too.
"""
import base64
import datetime
import json
import os
import sys
from urllib.parse import urlsplit, parse_qsl

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SUITE_KEY = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
JSON = "application/x-amz-json-1.1"
FORM = "application/x-www-form-urlencoded; charset=utf-8"

CASES = [
    # name, method, url, headers, body, key, token, region, service, time
    ("get-vanilla", "GET", "https://example.amazonaws.com/", {}, b"", SUITE_KEY, None, "us-east-1", "service", "20150830T123600Z"),
    ("post-vanilla", "POST", "https://example.amazonaws.com/", {}, b"", SUITE_KEY, None, "us-east-1", "service", "20150830T123600Z"),
    ("get-vanilla-query-order", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", {}, b"", SUITE_KEY, None, "us-east-1", "service", "20150830T123600Z"),
    ("get-query-unreserved-and-space", "GET", "https://example.amazonaws.com/?Param1=a%20b&-._~=tilde", {}, b"", SUITE_KEY, None, "us-east-1", "service", "20150830T123600Z"),
    ("post-x-www-form-urlencoded", "POST", "https://example.amazonaws.com/", {"Content-Type": FORM}, b"Param1=value1", SUITE_KEY, None, "us-east-1", "service", "20150830T123600Z"),
    ("ecs-describe-services", "POST", "https://ecs.eu-west-1.amazonaws.com/",
     {"Content-Type": JSON, "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.DescribeServices"},
     b'{"cluster":"TikTimer-dev-cluster","services":["tiktimer-api"]}', SUITE_KEY, None, "eu-west-1", "ecs", "20240229T235959Z"),
    ("ecr-with-session-token", "POST", "https://api.ecr.us-west-2.amazonaws.com/",
     {"Content-Type": JSON, "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"},
     b"{}", ("ASIAEXAMPLE", "secret/with+slash="), "FQoGZXIvYXdzEXAMPLE//token+value==", "us-west-2", "ecr", "20250101T000000Z"),
    ("logs-unicode-body-and-port", "POST", "http://127.0.0.1:5123/",
     {"Content-Type": JSON, "X-Amz-Target": "Logs_20140328.FilterLogEvents"},
     '{"logGroupName":"/ecs/tiktimer","filterPattern":"\u00e9t\u00e9 \u2603"}'.encode("utf-8"), SUITE_KEY, None, "us-east-1", "logs", "20231115T081500Z"),
    ("sts-query-with-token", "POST", "https://sts.eu-central-1.amazonaws.com/",
     {"Content-Type": FORM}, b"Action=GetCallerIdentity&Version=2011-06-15",
     ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "IQoJb3JpZ2luX2VjEXAMPLE", "eu-central-1", "sts", "20260131T120000Z"),
    ("header-whitespace-and-case", "POST", "https://ecs.us-east-1.amazonaws.com/",
     {"Content-Type": JSON, "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.RunTask", "My-Header1": "  a   b   c  "},
     b'{"cluster":"c"}', SUITE_KEY, None, "us-east-1", "ecs", "20200202T020202Z"),
]

PUBLISHED = {
    "get-vanilla": "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    "post-vanilla": "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
}


def sign(name, method, url, headers, body, key, token, region, service, timestamp):
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    request.headers["X-Amz-Date"] = timestamp
    if token:
        request.headers["X-Amz-Security-Token"] = token
    auth = SigV4Auth(Credentials(key[0], key[1], token), service, region)
    request.context["timestamp"] = timestamp
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    signature = auth.signature(string_to_sign, request)
    signed = ";".join(auth.signed_headers(auth.headers_to_sign(request)).split(";"))
    authorization = "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s" % (
        auth.scope(request), signed, signature)
    if name in PUBLISHED and signature != PUBLISHED[name]:
        sys.exit("botocore disagrees with the published %s signature" % name)
    parts = urlsplit(url)
    host = parts.hostname + (":%d" % parts.port if parts.port else "")
    sent_headers = [["host", host]] + [[k, v] for k, v in request.headers.items()]
    return {
        "name": name,
        "method": method,
        "path": parts.path or "/",
        "query": [[k, v] for k, v in parse_qsl(parts.query, keep_blank_values=True)],
        "headers": sent_headers,
        "bodyBase64": base64.b64encode(body).decode("ascii"),
        "accessKeyId": key[0],
        "secretAccessKey": key[1],
        "sessionToken": token,
        "region": region,
        "service": service,
        "time": datetime.datetime.strptime(timestamp, "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ"),
        "canonicalRequest": canonical,
        "authorization": authorization,
    }


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4-vectors.json")
    vectors = {"generator": "botocore %s SigV4Auth" % botocore.__version__, "cases": [sign(*case) for case in CASES]}
    with open(output, "w", encoding="utf-8") as f:
        json.dump(vectors, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote %d vectors to %s" % (len(vectors["cases"]), output))


if __name__ == "__main__":
    main()
