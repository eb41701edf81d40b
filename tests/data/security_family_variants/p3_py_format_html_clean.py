# clean: PY-XSS
from django.contrib import admin
from django.utils.html import format_html

from shop.models import Order


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_link", "total")

    @admin.display(description="Customer")
    def customer_link(self, obj):
        return format_html('<a href="/admin/customers/{}/">{}</a>', obj.customer_id, obj.customer.name)
