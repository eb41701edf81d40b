# clean: PY-XXE
from defusedxml import ElementTree as SafeET
from django.http import JsonResponse
from lxml import etree


def import_feed(request):
    root = SafeET.fromstring(request.body)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    other = etree.fromstring(request.body, parser)
    return JsonResponse({"items": len(root.findall("item")) + len(other)})
