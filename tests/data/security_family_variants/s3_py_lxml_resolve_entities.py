# want: PY-XXE
from django.http import JsonResponse
from lxml import etree


def import_feed(request):
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.body, parser)
    return JsonResponse({"items": len(root.findall("item"))})
