# The persona-review GitHub Action. Two stages: wheels are built in the first, the second only installs
# them, so no build backend, pip cache or source tree is left in the image. Every version is pinned:
# the base image by its full tag, Python packages by docker/constraints.txt.
FROM python:3.11.11-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_NO_INPUT=1 \
    PIP_CONSTRAINT=/src/docker/constraints.txt

WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY docker/constraints.txt docker/constraints.txt
COPY src/ src/
COPY prompts/ prompts/
COPY schema/ schema/
RUN pip wheel --wheel-dir /wheels ".[bedrock,vertex]"

FROM python:3.11.11-slim-bookworm

LABEL org.opencontainers.image.title="persona-review" \
      org.opencontainers.image.description="Pull-request review by a backend reliability persona" \
      org.opencontainers.image.licenses="MIT"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_NO_INPUT=1

# --no-deps: the wheel directory is exactly the pinned closure, nothing is resolved or downloaded here.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --no-deps /wheels/*.whl \
    && squawk --version

# GitHub mounts the workspace and runs the container as root with it as the working directory.
ENTRYPOINT ["python", "-m", "persona_review.action"]
