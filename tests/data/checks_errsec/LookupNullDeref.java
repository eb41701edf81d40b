// Lookups that may give null, dereferenced without a check; the checked shapes stay clean.
@Service
public class LookupNullDeref {
    public void markPaid(Long orderId) {
        Order order = orderRepository.findById(orderId).orElse(null); // expect: JAVA-LOOKUP-NULL-DEREF
        order.setStatus(Status.PAID);
    }

    public void markShipped(Long orderId) {
        Order order = orderRepository.findById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        order.setStatus(Status.SHIPPED);
    }

    public void disable(String couponId) {
        CouponDO coupon = couponMapper.selectById(couponId); // expect: JAVA-LOOKUP-NULL-DEREF
        coupon.setEnabled(false);
    }

    public void enable(String couponId) {
        CouponDO coupon = couponMapper.selectById(couponId);
        if (coupon == null) {
            throw new NotFoundException(couponId);
        }
        coupon.setEnabled(true);
    }
}
