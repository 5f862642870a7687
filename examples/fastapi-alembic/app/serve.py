"""Entry point of `docker run IMAGE`: serve on $PORT (default 8080), exit 1 without a database."""

import os
import sys

import uvicorn

from .settings import ConfigurationError, database_url


def main() -> int:
    try:
        database_url()
    except ConfigurationError as error:
        print(f"serve failed: {error}", file=sys.stderr)
        return 1
    port = int(os.environ.get("PORT", "8080"))
    host = os.environ.get("HOST", "0.0.0.0")
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, proxy_headers=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
