# Fixture for the Python standard-library network timeout check. `# expect: ID` marks the line a finding
# must land on.
import smtplib
import socket
import urllib.request
from http.client import HTTPSConnection
from urllib.request import urlopen


def fetch_rates(url):
    with urllib.request.urlopen(url) as resp:  # expect: PY-NETWORK-NO-TIMEOUT
        return resp.read()


def fetch_bounded(url, data):
    first = urlopen(url, timeout=5).read()
    second = urlopen(url, data, 10).read()
    return first + second


def partner_connection(host):
    plain = HTTPSConnection(host)  # expect: PY-NETWORK-NO-TIMEOUT
    bounded = HTTPSConnection(host, timeout=3)
    return plain, bounded


def send_receipt(host, message):
    with smtplib.SMTP(host, 587) as server:  # expect: PY-NETWORK-NO-TIMEOUT
        server.send_message(message)
    with smtplib.SMTP(host, 587, timeout=10) as server:
        server.send_message(message)
    probe = socket.create_connection((host, 25))  # expect: PY-NETWORK-NO-TIMEOUT
    probe.close()
