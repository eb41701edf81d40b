# clean: PY-ROUTE-NO-AUTH
# path: staff/api/views.py
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from staff.services import export_users, reset_mfa


class StaffView(APIView):
    permission_classes = [IsAdminUser]


class UserExportView(StaffView):
    def get(self, request):
        return Response(export_users())


class UserSuspendView(StaffView):
    def post(self, request, pk):
        User.objects.filter(pk=pk).update(is_active=False)
        return Response(status=204)


class UserResetMfaView(StaffView):
    def post(self, request, pk):
        reset_mfa(User.objects.get(pk=pk))
        return Response(status=204)
