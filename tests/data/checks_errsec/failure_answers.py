from django.http import JsonResponse
from flask import jsonify, request


def order_status(request, order_id):
    try:
        order = Order.objects.get(pk=order_id, customer=request.user)
    except Order.DoesNotExist:
        return JsonResponse({"error": "order not found"})  # expect: PY-ERROR-ANSWERED-OK
    return JsonResponse({"id": order.pk})


def order_status_404(request, order_id):
    try:
        order = Order.objects.get(pk=order_id, customer=request.user)
    except Order.DoesNotExist:
        return JsonResponse({"error": "order not found"}, status=404)
    return JsonResponse({"id": order.pk})


class AddressViewSet(viewsets.ModelViewSet):
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid()  # expect: PY-IS-VALID-IGNORED
        address = serializer.save(owner=request.user)
        return Response(self.get_serializer(address).data, status=201)

    def update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


@bp.post("/signup")
def signup():
    data = request.get_json(silent=True) or {}
    email = data["email"].strip().lower()  # expect: PY-JSON-FIELD-KEYERROR
    return jsonify(id=create(email, data.get("name"))), 201


@bp.post("/login")
def login():
    data = request.get_json() or {}
    if "email" not in data:
        return jsonify(error="email is required"), 400
    return jsonify(token=issue(data["email"]))


@bp.post("/exports")
def create_export():
    try:
        job = export_queue.enqueue(build_export, current_user.id)
    except RedisError:
        logger.warning("export enqueue failed")
        return jsonify(ok=False, message="export could not be queued")  # expect: PY-ERROR-ANSWERED-OK
    return jsonify(ok=True, id=job.id), 202


@bp.post("/imports")
def create_import():
    try:
        job = import_queue.enqueue(run_import, current_user.id)
    except RedisError:
        return jsonify({"success": False, "reason": "queue unavailable"}), 503
    return jsonify({"success": True, "id": job.id}), 202


def refund(request, payment_id):
    try:
        gateway.refund(payment_id)
    except GatewayError:
        return JsonResponse({"status": "error", "code": "gateway"})  # expect: PY-ERROR-ANSWERED-OK
    return JsonResponse({"status": "ok"})


@bp.get("/dashboard/tiles")
def dashboard_tiles():
    try:
        tiles = tile_service.for_account(current_user.account_id)
    except Exception:
        logger.exception("tiles failed")
        return jsonify(tiles=[], count=0), 200  # expect: PY-ERROR-ANSWERED-OK
    return jsonify(tiles=[t.to_dict() for t in tiles], count=len(tiles))


@bp.get("/dashboard/feed")
def dashboard_feed():
    try:
        items = feed_service.latest(current_user.account_id)
    except FeedUnavailable:
        return jsonify(items=[])  # a named, expected condition: degraded on purpose
    except Exception:
        logger.exception("feed failed")
        return jsonify(items=[]), 503
    return jsonify(items=items)
