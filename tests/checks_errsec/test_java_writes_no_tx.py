"""JAVA-WRITES-NO-TX: two or more database writes in a method with no transaction, across Spring Data,
JdbcTemplate, jOOQ, MyBatis and JPA, in services written for these tests, with the transaction boundaries
that make them one unit."""

from __future__ import annotations

from .helpers import findings_of

RULE = "JAVA-WRITES-NO-TX"
PATH = "src/main/java/com/acme/stock/StockService.java"


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def _service(*body: str, header: str = "@Service\npublic class StockService {") -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.stock;\n\n{header}\n{lines}}}\n"


def test_two_repository_saves_without_a_transaction_are_reported() -> None:
    code = _service(
        "public void reserve(Item item, Order order) {",   # 5
        "    item.take(order.quantity());",
        "    items.save(item);",
        "    orders.save(order.reserved());",
        "}",
    )
    assert _lines(code) == [5]


def test_jooq_mybatis_jdbc_client_and_entity_manager_writes_count() -> None:
    code = _service(
        "public void restock(long id, int n) {",            # 5
        "    dsl.update(STOCK).set(STOCK.QTY, STOCK.QTY.plus(n)).where(STOCK.ID.eq(id)).execute();",
        "    dsl.insertInto(STOCK_EVENTS).set(STOCK_EVENTS.STOCK_ID, id).execute();",
        "}",
        "",
        "public void move(long from, long to) {",           # 10
        "    stockMapper.decrementQuantity(from);",
        "    stockMapper.incrementQuantity(to);",
        "    stockMapper.insertMovement(from, to);",
        "}",
        "",
        "public void rename(long id, String name) {",        # 16
        "    jdbcClient.sql(\"UPDATE stock SET name = ? WHERE id = ?\").params(name, id).update();",
        "    entityManager.persist(new Rename(id, name));",
        "}",
    )
    assert _lines(code) == [5, 10, 16]


def test_transaction_boundaries_keep_it_quiet() -> None:
    code = _service(
        "@Transactional",
        "public void reserve(Item item, Order order) {",
        "    items.save(item);",
        "    orders.save(order);",
        "}",
        "",
        "public void reserveInTemplate(Item item, Order order) {",
        "    transactionTemplate.executeWithoutResult(status -> {",
        "        items.save(item);",
        "        orders.save(order);",
        "    });",
        "}",
        "",
        "public void restock(long id) {",
        "    dsl.transaction(cfg -> {",
        "        DSL.using(cfg).update(STOCK).set(STOCK.QTY, 1).execute();",
        "        DSL.using(cfg).deleteFrom(STOCK_EVENTS).execute();",
        "    });",
        "}",
        "",
        "private void helper(Item item, Order order) {",
        "    items.save(item);",
        "    orders.save(order);",
        "}",
        "",
        "public void once(Item item) {",
        "    items.save(item);",
        "}",
    )
    assert _lines(code) == []


def test_not_supported_propagation_is_no_transaction() -> None:
    code = _service(
        "@Transactional(propagation = Propagation.NOT_SUPPORTED)",
        "public void reserve(Item item, Order order) {",     # 6
        "    items.save(item);",
        "    orders.save(order);",
        "}",
    )
    assert _lines(code) == [6]


def test_a_transactional_class_an_interface_method_or_a_repository_is_left_alone() -> None:
    body = (
        "public void reserve(Item item, Order order) {",
        "    items.save(item);",
        "    orders.save(order);",
        "}",
    )
    assert _lines(_service(*body, header="@Service\n@Transactional\npublic class StockService {")) == []
    assert _lines(_service(*body, header="@Service\npublic class StockServiceImpl implements StockService {")) == []
    assert _lines(_service("@Override", *body)) == []
    assert _lines(_service(*body, header="@Repository\npublic class StockDao {"),
                  path="src/main/java/com/acme/stock/StockDao.java") == []
    assert _lines(_service(*body), path="src/test/java/com/acme/stock/StockServiceTest.java") == []


def test_a_delete_counts_only_on_a_repository_and_not_a_file() -> None:
    code = _service(
        "public void purge(Path path, Item item) {",
        "    file.delete();",
        "    cache.delete(item.key());",
        "    items.save(item);",
        "}",
        "",
        "public void remove(Item item) {",                    # 11
        "    itemRepository.delete(item);",
        "    auditRepository.save(Audit.removed(item));",
        "}",
    )
    assert _lines(code) == [11]


def test_a_locking_read_then_a_write_is_reported() -> None:
    code = _service(
        "public void reserveSeat(long seatId, long userId) {",           # 5
        "    Seat seat = seats.findByIdForUpdate(seatId).orElseThrow();",
        "    seat.assign(userId);",
        "    seats.save(seat);",
        "}",
        "",
        "public void bump(long id) {",                                      # 11
        "    Integer n = jdbcTemplate.queryForObject(\"SELECT n FROM counters WHERE id = ? FOR UPDATE\", Integer.class, id);",
        "    jdbcTemplate.update(\"UPDATE counters SET n = ? WHERE id = ?\", n + 1, id);",
        "}",
        "",
        "public Seat show(long seatId) {",
        "    return seats.findByIdForUpdate(seatId).orElseThrow();",
        "}",
    )
    assert _lines(code) == [5, 11]


def test_writes_in_same_file_private_helpers_count_at_their_call() -> None:
    code = _service(
        "public void transfer(long from, long to, long cents) {",          # 5
        "    debit(from, cents);",
        "    credit(to, cents);",
        "}",
        "",
        "private void debit(long id, long cents) {",
        "    accountRepository.decrementBalance(id, cents);",
        "}",
        "",
        "private void credit(long id, long cents) {",
        "    accountRepository.incrementBalance(id, cents);",
        "}",
    )
    assert _lines(code) == [5]


def test_mybatis_plus_writes_count_and_a_jdbi_transaction_is_one() -> None:
    code = _service(
        "public void settle(Order order, Payment payment) {",              # 5
        "    orderService.updateById(order);",
        "    paymentService.saveOrUpdate(payment);",
        "}",
        "",
        "public void settleInJdbi(Order order, Payment payment) {",
        "    jdbi.useTransaction(handle -> {",
        "        handle.attach(OrderDao.class).update(order);",
        "        handle.attach(PaymentDao.class).insert(payment);",
        "    });",
        "}",
    )
    assert _lines(code) == [5]


def test_an_own_interface_declared_over_lines_is_left_alone_but_another_interface_is_not() -> None:
    body = (
        "public void reserve(Item item, Order order) {",     # 6 under a two-line header
        "    items.save(item);",
        "    orders.save(order);",
        "}",
    )
    own = "@Service\npublic class StockServiceImpl extends BaseService<Stock>\n        implements StockService {"
    assert _lines(_service(*body, header=own)) == []
    other = "@Service\npublic class StockService\n        implements ApplicationListener<StockEvent> {"
    assert _lines(_service(*body, header=other)) == [6]


def test_a_call_to_a_helper_through_this_is_not_a_write_itself() -> None:
    code = _service(
        "public void update(Review review) {",
        "    this.saveOrUpdate(review);",
        "}",
        "",
        "private void saveOrUpdate(Review review) {",
        "    reviews.save(review);",
        "}",
    )
    assert _lines(code) == []


def test_a_private_transactional_helper_is_left_to_the_private_method_check() -> None:
    code = _service(
        "public Order checkout(Cart cart) {",
        "    return place(cart);",
        "}",
        "",
        "@Transactional",
        "private Order place(Cart cart) {",
        "    Order order = orders.save(Order.from(cart));",
        "    carts.delete(cart);",
        "    return order;",
        "}",
    )
    assert _lines(code) == []


def test_panache_persist_counts_as_a_write() -> None:
    code = _service(
        "public void ship(Shipment shipment, Parcel parcel) {",             # 5
        "    shipment.persist();",
        "    parcel.persist();",
        "}",
    )
    assert _lines(code) == [5]


def test_a_static_helper_or_one_handed_the_callers_session_is_left_alone() -> None:
    code = _service(
        "public static void copy(Session session, Item item) {",
        "    session.persist(item.copy());",
        "    session.persist(item);",
        "}",
        "",
        "public void archive(EntityManager em, Item item) {",
        "    em.persist(new Archived(item));",
        "    em.remove(item);",
        "}",
    )
    assert _lines(code) == []
