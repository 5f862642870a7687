"""ECR on a real registry: repositories report their repositoryUri and proxyEndpoint on it,
GetAuthorizationToken gives the credentials that log in to it, and the image calls see what
`docker push` stored there (the registry is the source of truth for images)."""
import base64
import hashlib
import json
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

from moto.ecr import models as ecr_models
from moto.ecr import responses as ecr_responses
from moto.core.responses import ActionResult

from .settings import SETTINGS

MANIFEST_TYPES = ", ".join([
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.index.v1+json",
])


def _request(method, path, body=None, content_type=None):
    credentials = base64.b64encode(f"{SETTINGS.registry_user}:{SETTINGS.registry_password}".encode()).decode()
    request = urllib.request.Request(f"http://{SETTINGS.registry}{path}", data=body, method=method)
    request.add_header("Authorization", f"Basic {credentials}")
    request.add_header("Accept", MANIFEST_TYPES)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def tags(repository):
    status, body, _ = _request("GET", f"/v2/{repository}/tags/list")
    if status != 200:
        return []
    return json.loads(body or b"{}").get("tags") or []


def manifest(repository, reference):
    status, body, headers = _request("GET", f"/v2/{repository}/manifests/{reference}")
    if status != 200:
        return None
    media_type = headers.get("Content-Type") or json.loads(body).get("mediaType")
    return body.decode(), media_type, "sha256:" + hashlib.sha256(body).hexdigest()


def put_manifest(repository, tag, text, media_type):
    status, body, _ = _request("PUT", f"/v2/{repository}/manifests/{tag}", text.encode(), media_type)
    if status not in (200, 201):
        raise RuntimeError(f"registry refused manifest {repository}:{tag}: {status} {body[:200]!r}")


def sync(backend, repository_name):
    """Makes moto's image list of the repository what the registry holds."""
    repository = backend.repositories.get(repository_name)
    if repository is None:
        return
    for tag in tags(repository_name):
        found = manifest(repository_name, tag)
        if found is None:
            continue
        text, media_type, digest = found
        known = [image for image in repository.images if image.image_digest == digest]
        if any(tag in (image.image_tags or []) for image in known):
            continue
        # A tag moved in the registry (a mutable push): drop it from the image it was on.
        for image in repository.images:
            if tag in (image.image_tags or []) and image.image_digest != digest:
                image.remove_tag(tag)
        if known:
            known[0].update_tag(tag)
        else:
            repository.images.append(
                ecr_models.Image(backend.account_id, tag, text, repository_name, media_type, digest)
            )


def install():
    repository_init = ecr_models.Repository.__init__

    def init(self, *args, **kwargs):
        repository_init(self, *args, **kwargs)
        self.uri = f"{SETTINGS.registry}/{self.name}"

    ecr_models.Repository.__init__ = init

    def get_authorization_token(self):
        registry_ids = self._get_param("registryIds") or [self.current_account]
        token = base64.b64encode(f"{SETTINGS.registry_user}:{SETTINGS.registry_password}".encode()).decode()
        expires = (datetime.now(timezone.utc) + timedelta(hours=12)).timestamp()
        return ActionResult({"authorizationData": [
            {"authorizationToken": token, "expiresAt": expires, "proxyEndpoint": f"https://{SETTINGS.registry}"}
            for _ in registry_ids
        ]})

    ecr_responses.ECRResponse.get_authorization_token = get_authorization_token

    for name in ("describe_images", "batch_get_image", "list_images"):
        _sync_before(name)

    put_image = ecr_models.ECRBackend.put_image

    def put_image_everywhere(self, repository_name, image_manifest, image_tag, image_manifest_mediatype=None, digest=None):
        sync(self, repository_name)
        image = put_image(self, repository_name, image_manifest, image_tag, image_manifest_mediatype, digest)
        media_type = image_manifest_mediatype or json.loads(image_manifest).get("mediaType")
        put_manifest(repository_name, image_tag, image_manifest, media_type)
        return image

    ecr_models.ECRBackend.put_image = put_image_everywhere


def _sync_before(name):
    original = getattr(ecr_models.ECRBackend, name)

    def synced(self, repository_name, *args, **kwargs):
        sync(self, repository_name)
        return original(self, repository_name, *args, **kwargs)

    setattr(ecr_models.ECRBackend, name, synced)
