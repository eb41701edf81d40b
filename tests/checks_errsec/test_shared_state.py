"""State shared by concurrent requests: JAVA-SHARED-FORMATTER, JAVA-SINGLETON-MUTABLE-STATE and
RB-CLASS-STATE-PER-REQUEST."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text


def _lines(rule: str, path: str, text: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule)


def _hunk_lines(rule: str, path: str, language: str, text: str, first: int) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(path, language, lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


FORMATTER = "JAVA-SHARED-FORMATTER"
JAVA_PATH = "src/main/java/com/acme/billing/InvoiceService.java"

_FORMAT_SERVICE = """package com.acme.billing;

import java.text.SimpleDateFormat;

%s
public class InvoiceService {
    %s

    public String label(Invoice invoice) {
        return "INV-" + %s;
    }
}
"""


@pytest.mark.parametrize(("field", "use"), [
    ('private static final SimpleDateFormat DAY = new SimpleDateFormat("yyyyMMdd");',
     "DAY.format(invoice.getIssuedAt())"),
    ('private static final DateFormat DAY = DateFormat.getDateInstance();', "DAY.format(invoice.getIssuedAt())"),
    ('private static final DecimalFormat AMOUNT = new DecimalFormat("#,##0.00");',
     "AMOUNT.format(invoice.getTotal())"),
    ('public static NumberFormat AMOUNT = NumberFormat.getCurrencyInstance(Locale.US);',
     "AMOUNT.format(invoice.getTotal())"),
])
def test_a_static_formatter_used_by_a_method_is_reported_on_its_declaration(field: str, use: str) -> None:
    assert _lines(FORMATTER, JAVA_PATH, _FORMAT_SERVICE % ("", field, use)) == [7]


def test_a_singleton_field_digest_is_reported() -> None:
    text = """package com.acme.auth;

@Component
public class TokenHasher {
    private final MessageDigest sha256;

    public TokenHasher() throws NoSuchAlgorithmException {
        this.sha256 = MessageDigest.getInstance("SHA-256");
    }

    public String hash(String token) {
        return HexFormat.of().formatHex(sha256.digest(token.getBytes(UTF_8)));
    }
}
"""
    assert _lines(FORMATTER, "src/main/java/com/acme/auth/TokenHasher.java", text) == [5]


def test_a_new_use_of_an_existing_static_formatter_is_reported_on_the_use() -> None:
    text = _FORMAT_SERVICE % ("@Service", 'private static final SimpleDateFormat DAY = new SimpleDateFormat("d");',
                              "DAY.parse(invoice.getDay())")
    lines = {no: line for no, line in enumerate(text.splitlines(), start=1)}
    ctx = FileContext(JAVA_PATH, "java", lines, frozenset({10}), whole_file=True)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == FORMATTER] == [10]


def test_a_hunk_with_the_field_and_its_use_is_reported() -> None:
    hunk = """    private static final SimpleDateFormat STAMP = new SimpleDateFormat("yyyy-MM-dd HH:mm");

    public String stamp(Event event) {
        return STAMP.format(event.getAt());
    }
"""
    assert _hunk_lines(FORMATTER, JAVA_PATH, "java", hunk, 30) == [30]


@pytest.mark.parametrize(("annotation", "field", "use"), [
    # an instance field of a class that is not a singleton bean: one per object
    ("", 'private final SimpleDateFormat day = new SimpleDateFormat("d");', "day.format(invoice.getIssuedAt())"),
    # immutable and thread-safe formatters
    ("", 'private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d");',
     "DAY.format(invoice.getIssuedAt())"),
    ("", 'private static final FastDateFormat DAY = FastDateFormat.getInstance("d");',
     "DAY.format(invoice.getIssuedAt())"),
    # one per thread
    ("", 'private static final ThreadLocal<SimpleDateFormat> DAY = ThreadLocal.withInitial(() -> '
     'new SimpleDateFormat("d"));', "DAY.get().format(invoice.getIssuedAt())"),
    # a copy per call
    ("", 'private static final SimpleDateFormat DAY = new SimpleDateFormat("d");',
     "((SimpleDateFormat) DAY.clone()).format(invoice.getIssuedAt())"),
    # request-scoped bean
    ("@Service\n@RequestScope", 'private final SimpleDateFormat day = new SimpleDateFormat("d");',
     "day.format(invoice.getIssuedAt())"),
    # declared but never used by a method
    ("", 'private static final SimpleDateFormat DAY = new SimpleDateFormat("d");', "invoice.getNumber()"),
])
def test_formatters_not_shared_across_threads_are_left_alone(annotation: str, field: str, use: str) -> None:
    assert _lines(FORMATTER, JAVA_PATH, _FORMAT_SERVICE % (annotation, field, use)) == []


def test_a_local_formatter_and_a_synchronized_use_are_left_alone() -> None:
    text = """package com.acme.billing;

public class InvoiceService {
    private static final SimpleDateFormat DAY = new SimpleDateFormat("d");

    public synchronized String label(Invoice invoice) {
        return DAY.format(invoice.getIssuedAt());
    }

    public String other(Invoice invoice) {
        final SimpleDateFormat local = new SimpleDateFormat("d");
        synchronized (DAY) {
            return DAY.format(invoice.getIssuedAt()) + local.format(invoice.getDueAt());
        }
    }
}
"""
    assert _lines(FORMATTER, JAVA_PATH, text) == []


def test_test_sources_are_left_alone() -> None:
    text = _FORMAT_SERVICE % ("", 'private static final SimpleDateFormat DAY = new SimpleDateFormat("d");',
                              "DAY.format(invoice.getIssuedAt())")
    assert _lines(FORMATTER, "src/test/java/com/acme/billing/InvoiceServiceTest.java", text) == []


SINGLETON = "JAVA-SINGLETON-MUTABLE-STATE"

_CONTROLLER = """package com.acme.shop;

@RestController
@RequestMapping("/api/cart")
public class CartController {
    private final CartService carts;
    private Cart current;
    private final Map<String, Cart> byUser = new HashMap<>();
    private final Map<String, Cart> safe = new ConcurrentHashMap<>();
    @Autowired
    private PricingService pricing;
    private int served;

    public CartController(CartService carts) {
        this.carts = carts;
    }

    @PostMapping("/checkout")
    public Receipt checkout(@RequestBody Cart cart, Principal user) {
        %s
        return carts.charge(cart);
    }
}
"""


@pytest.mark.parametrize("write", [
    "this.current = cart;",
    "current = cart;",
    "byUser.put(user.getName(), cart);",
    "this.byUser.computeIfAbsent(user.getName(), k -> cart);",
    "served++;",
    "served += 1;",
])
def test_a_request_handler_writing_a_singleton_field_is_reported(write: str) -> None:
    assert _lines(SINGLETON, "src/main/java/com/acme/shop/CartController.java", _CONTROLLER % write) == [20]


@pytest.mark.parametrize("write", [
    "safe.put(user.getName(), cart);",   # a concurrent map
    "carts.remember(cart);",             # a call on a dependency
    "Cart current = cart;",              # a local variable of the same name
    "byUser.get(user.getName());",       # a read
    "synchronized (this) { this.current = cart; }",
])
def test_thread_safe_or_local_state_is_left_alone(write: str) -> None:
    assert _lines(SINGLETON, "src/main/java/com/acme/shop/CartController.java", _CONTROLLER % write) == []


def test_a_public_service_method_filling_a_hashmap_memo_is_reported() -> None:
    text = """package com.acme.rest;

@Component
public class LinkResolver {
    private final Map<Method, Optional<Link>> linkForMethod = new HashMap<>();

    public Link findLink(Method method) {
        Optional<Link> link = linkForMethod.get(method);
        if (link == null) {
            link = Optional.ofNullable(method.getAnnotation(Link.class));
            linkForMethod.put(method, link);
        }
        return link.orElse(null);
    }
}
"""
    assert _lines(SINGLETON, "src/main/java/com/acme/rest/LinkResolver.java", text) == [11]


def test_setters_lifecycle_hooks_lazy_init_and_private_helpers_are_left_alone() -> None:
    text = """package com.acme.sync;

@Service
public class FeedService {
    private Client client;
    private List<String> sources = new ArrayList<>();
    private String region;

    public void setRegion(String region) {
        this.region = region;
    }

    @PostConstruct
    public void start() {
        sources.add("default");
    }

    @Scheduled(fixedDelay = 60000)
    public void refreshSources() {
        this.sources = loadSources();
    }

    public Feed fetch(String id) {
        if (client == null) {
            client = new Client(region);
        }
        return client.get(id);
    }

    private void remember(String source) {
        sources.add(source);
    }
}
"""
    assert _lines(SINGLETON, "src/main/java/com/acme/sync/FeedService.java", text) == []


def test_prototype_beans_websocket_endpoints_and_plain_classes_are_left_alone() -> None:
    body = """public class Session {
    private String user;

    @GetMapping("/me")
    public String me(Principal principal) {
        this.user = principal.getName();
        return user;
    }
}
"""
    path = "src/main/java/com/acme/Session.java"
    assert _lines(SINGLETON, path, body) == []
    assert _lines(SINGLETON, path, '@Component\n@Scope("prototype")\n' + body) == []
    assert _lines(SINGLETON, path, '@Component\n@ServerEndpoint("/ws/{id}")\n' + body) == []
    assert _lines(SINGLETON, path, "@RestController\n" + body) == [7]


RUBY = "RB-CLASS-STATE-PER-REQUEST"
CONTROLLER_PATH = "app/controllers/orders_controller.rb"

_RAILS = """class OrdersController < ApplicationController
  def create
    order = Order.create!(order_params)
    %s
    redirect_to order
  end
end
"""


@pytest.mark.parametrize("write", [
    "@@current_shop = Shop.find(params[:shop_id])",
    "@@last_user ||= current_user",
    "@@recent[order.id] = order",
    "@@recent << order.id",
    "RECENT_ORDERS << order.id",
    "CACHE[order.id] = order.total",
    "Orders::SEEN.push(order.id)",
    "CACHE.store(order.id, order)",
    "self.class.last_order = params[:id]",
])
def test_class_level_state_written_in_an_action_is_reported(write: str) -> None:
    assert _lines(RUBY, CONTROLLER_PATH, _RAILS % write) == [4]


@pytest.mark.parametrize("write", [
    "@order_count = 1",                         # an instance variable: one per request
    "@@mapping ||= load_mapping",               # a memo of data that does not come from the request
    "self.class.warned = true",                 # a process-wide flag
    'ENV["LAST_ORDER"] = order.id.to_s',
    "Current.order = order",                    # ActiveSupport::CurrentAttributes
    "Thread.current[:order] = order",
    "CACHE.fetch(order.id) { order }",          # a read
    "total = PRICES[order.sku]",
])
def test_per_request_state_and_reads_are_left_alone(write: str) -> None:
    assert _lines(RUBY, CONTROLLER_PATH, _RAILS % write) == []


def test_class_methods_and_class_bodies_are_left_alone() -> None:
    text = """class Registry
  HANDLERS = {}
  HANDLERS[:default] = DefaultHandler

  def self.register(name, handler)
    HANDLERS[name] = handler
  end

  class << self
    def remember(key)
      SEEN << key
    end
  end
end
"""
    assert _lines(RUBY, "app/models/registry.rb", text) == []


def test_a_job_mutating_a_constant_inside_a_block_is_reported() -> None:
    text = """class SyncJob < ApplicationJob
  PROCESSED = Set.new

  def perform(batch_id)
    Batch.find(batch_id).items.each do |item|
      PROCESSED.add(item.id)
    end
  end
end
"""
    assert _lines(RUBY, "app/jobs/sync_job.rb", text) == [6]


def test_a_hunk_of_a_method_is_reported_and_tests_are_left_alone() -> None:
    hunk = """  def show
    @@viewer = current_user
    render :show
  end
"""
    assert _hunk_lines(RUBY, CONTROLLER_PATH, "ruby", hunk, 40) == [41]
    assert _lines(RUBY, "spec/controllers/orders_controller_spec.rb", _RAILS % "@@recent << 1") == []
