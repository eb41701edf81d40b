# Fixture for persona-review Python checks. `# expect: ID` marks the line a finding must land on.
from celery.exceptions import TimeoutError as CeleryTimeout
from celery.result import AsyncResult
from flask import jsonify

from dispatch.tasks import solve_route, geocode_stop


def optimize(route):
    solution = solve_route.delay(route.id, route.stops).get()  # expect: PY-CELERY-RESULT-WAIT
    route.apply_solution(solution)
    return jsonify(route.to_dict())


def geocode(stop):
    pending = geocode_stop.apply_async(args=(stop.id,), queue="geo")
    point = pending.get(propagate=True)  # expect: PY-CELERY-RESULT-WAIT
    return point


def status(task_id):
    return AsyncResult(task_id).get(timeout=None)  # expect: PY-CELERY-RESULT-WAIT


def optimize_bounded(route):
    try:
        solution = solve_route.delay(route.id, route.stops).get(timeout=20)
    except CeleryTimeout:
        return jsonify({"error": "solver busy"}), 503
    return jsonify(solution)


def optimize_later(route):
    task = solve_route.delay(route.id, route.stops)
    route.solver_task_id = task.id
    return jsonify({"task_id": task.id, "ready": task.ready()}), 202


def options(route, settings):
    return settings.get("solver") or route.meta.get("solver")
