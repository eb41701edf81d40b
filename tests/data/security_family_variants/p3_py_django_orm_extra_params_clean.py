# clean: PY-SQL-STRING
from django.db.models.expressions import RawSQL
from django.http import JsonResponse

from geo.models import Store


def nearby(request):
    lat = float(request.GET["lat"])
    lng = float(request.GET["lng"])
    distance = RawSQL("earth_distance(ll_to_earth(%s, %s), ll_to_earth(lat, lng))", (lat, lng))
    stores = Store.objects.annotate(distance=distance).order_by("distance")[:20]
    return JsonResponse({"stores": [{"id": s.id, "distance": s.distance} for s in stores]})
