from flask import abort, g, request


def tenant_for_reports():
    return request.headers.get("X-Tenant-Id") or g.user.tenant_id  # expect: ANY-TENANT-FROM-HEADER


def tenant_chosen_among_memberships():
    wanted = request.headers.get("X-Tenant-Id")
    if wanted not in g.user.tenant_ids:
        abort(403)
    return wanted
