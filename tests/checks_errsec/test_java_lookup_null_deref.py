"""JAVA-LOOKUP-NULL-DEREF: a lookup result that may be null, dereferenced without a check."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JAVA-LOOKUP-NULL-DEREF"
PATH = "src/main/java/com/shop/order/OrderService.java"


def _found(text: str, path: str = PATH) -> list[tuple[int, int | None]]:
    return sorted((f.line or 0, f.end_line) for f in run_checks([context_for_text(path, text)]).findings
                  if f.rule_id == RULE)


_OR_ELSE_NULL = """@Service
public class OrderService {
    public void markPaid(Long orderId) {
        Order order = orderRepository.findById(orderId).orElse(null);
        order.setStatus(Status.PAID);
        orderRepository.save(order);
    }
}
"""

_SPRING_DATA = """@RestController
public class UserController {
    @GetMapping("/users/by-email")
    public UserDto byEmail(@RequestParam String email) {
        User user = this.userRepository.findByEmail(email);
        return new UserDto(user.getName(), user.getEmail());
    }
}
"""

_MYBATIS = """@Service
public class CouponServiceImpl implements CouponService {
    @Override
    public void disable(String couponId) {
        final CouponDO coupon = couponMapper.selectById(couponId);

        coupon.setEnabled(false);
        couponMapper.updateById(coupon);
    }
}
"""


@pytest.mark.parametrize(("text", "span"), [(_OR_ELSE_NULL, (4, 5)), (_SPRING_DATA, (5, 6)), (_MYBATIS, (5, 7))])
def test_nullable_lookup_dereferenced_without_a_check_is_reported(text: str, span: tuple[int, int]) -> None:
    assert _found(text) == [span]


@pytest.mark.parametrize("text", [
    _OR_ELSE_NULL.replace(".orElse(null)", ".orElseThrow(() -> new OrderNotFoundException(orderId))"),
    _OR_ELSE_NULL.replace("        order.setStatus", "        if (order == null) {\n            throw new "
                          "ResponseStatusException(HttpStatus.NOT_FOUND);\n        }\n        order.setStatus"),
    _SPRING_DATA.replace("        return new UserDto", "        Assert.notNull(user, \"no user\");\n"
                         "        return new UserDto"),
    _SPRING_DATA.replace("User user = this.userRepository.findByEmail(email);",
                         "Optional<User> user = this.userRepository.findByEmail(email);"),
    _SPRING_DATA.replace("User user = this.userRepository.findByEmail(email);",
                         "List<User> user = this.userRepository.findByEmail(email);"),
    # the key is not the caller's
    _MYBATIS.replace("selectById(couponId)", "selectById(DEFAULT_COUPON)"),
    _MYBATIS.replace("public void disable(String couponId)", "private void disable(String couponId)"),
    # not a repository, DAO or mapper
    _SPRING_DATA.replace("this.userRepository.findByEmail", "this.directory.findByEmail"),
])
def test_checked_or_non_nullable_lookups_are_quiet(text: str) -> None:
    assert _found(text) == []


def test_tests_are_quiet() -> None:
    assert _found(_OR_ELSE_NULL, "src/test/java/com/shop/order/OrderServiceTest.java") == []
