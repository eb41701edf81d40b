# want: PY-ROUTE-NO-AUTH
# path: shop/views/products.py
from pyramid.httpexceptions import HTTPNoContent
from pyramid.view import view_config

from shop.models import Product


@view_config(route_name="product", request_method="GET", renderer="json", permission="view")
def show_product(request):
    return request.dbsession.get(Product, int(request.matchdict["id"]))


@view_config(route_name="product", request_method="PUT", renderer="json", permission="edit")
def update_product(request):
    product = request.dbsession.get(Product, int(request.matchdict["id"]))
    product.price_cents = request.json_body["price_cents"]
    return product


@view_config(route_name="product", request_method="DELETE")
def delete_product(request):
    product = request.dbsession.get(Product, int(request.matchdict["id"]))
    request.dbsession.delete(product)
    return HTTPNoContent()
