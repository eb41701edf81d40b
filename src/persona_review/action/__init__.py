"""The GitHub Action: read a pull request through the REST API, review it, post one idempotent review.

Run as `python -m persona_review.action` (the Docker image's entrypoint). Nothing here checks out or runs
code from the pull request: the diff, the config and the persona all come through the API.
"""
