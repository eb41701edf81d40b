"""Object-level authorization across frameworks (h85): a record loaded by the id in the request without the
scope or authorization its sibling handlers use, next to the correct look-alikes (scoped, owner compared
after the load, authorized, admin-only, public)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES

RB_RULE = "RB-LOOKUP-NOT-CALLER-SCOPED"
PY_RULE = "PY-LOOKUP-NOT-CALLER-SCOPED"
HEADER_RULE = "ANY-TENANT-FROM-HEADER"


def _lines(path: str, text: str, rule: str) -> list[int]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES)
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == rule)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


RAILS = """class ReceiptsController < ApplicationController
  def show
    @receipt = current_user.receipts.find(params[:id])
  end

  def pdf
    receipt = Receipt.find(params[:id])  # HERE
    send_data receipt.pdf, filename: "receipt.pdf"
  end
end
"""
RAILS_PATH = "app/controllers/receipts_controller.rb"


def test_a_rails_action_that_finds_by_id_where_its_siblings_go_through_the_caller_is_reported() -> None:
    assert _lines(RAILS_PATH, RAILS, RB_RULE) == [_at(RAILS, "# HERE")]


def test_a_rails_action_that_compares_the_owner_after_the_load_is_quiet() -> None:
    text = RAILS.replace('    send_data', '    head :not_found and return unless receipt.user_id == current_user.id\n'
                                         '    send_data')
    assert _lines(RAILS_PATH, text, RB_RULE) == []


def test_a_rails_controller_under_cancan_or_in_the_admin_namespace_is_quiet() -> None:
    cancan = RAILS.replace("ApplicationController\n", "ApplicationController\n  load_and_authorize_resource\n")
    assert _lines(RAILS_PATH, cancan, RB_RULE) == []
    assert _lines("app/controllers/admin/receipts_controller.rb", RAILS, RB_RULE) == []


def test_a_rails_action_is_not_judged_when_another_action_also_finds_by_id_alone() -> None:
    text = RAILS.replace("  def pdf\n", "  def print\n    @receipt = Receipt.find(params[:id])\n  end\n\n  def pdf\n")
    assert _lines(RAILS_PATH, text, RB_RULE) == []


PUNDIT = """class PostsController < ApplicationController
  def update
    @post = Post.find(params[:id])
    authorize @post
    @post.update!(post_params)
  end

  def publish
    @post = Post.find(params[:id])  # HERE
    @post.update!(published_at: Time.current)
  end
end
"""


def test_a_rails_action_that_skips_the_authorize_its_siblings_call_is_reported() -> None:
    path = "app/controllers/posts_controller.rb"
    assert _lines(path, PUNDIT, RB_RULE) == [_at(PUNDIT, "# HERE")]
    authorized = PUNDIT.replace("    @post.update!(published_at", "    authorize @post\n    @post.update!(published_at")
    assert _lines(path, authorized, RB_RULE) == []


def test_a_rails_hunk_without_the_sibling_actions_is_quiet() -> None:
    hunk = "\n".join(RAILS.splitlines()[4:9]) + "\n"
    assert _lines(RAILS_PATH, hunk, RB_RULE) == []


FLASK = """from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .models import Invoice, db

bp = Blueprint("invoices", __name__)


@bp.get("/invoices")
@login_required
def list_invoices():
    rows = db.session.scalars(db.select(Invoice).where(Invoice.owner_id == current_user.id)).all()
    return jsonify([r.to_dict() for r in rows])


@bp.get("/invoices/<int:invoice_id>")
@login_required
def get_invoice(invoice_id: int):
    invoice = db.session.get(Invoice, invoice_id)  # HERE
    if invoice is None:
        abort(404)
    return jsonify(invoice.to_dict())
"""


def test_a_flask_route_that_gets_the_record_by_id_where_the_list_filters_by_owner_is_reported() -> None:
    assert _lines("app/invoices.py", FLASK, PY_RULE) == [_at(FLASK, "# HERE")]


def test_a_flask_route_that_checks_the_owner_or_is_public_is_quiet() -> None:
    checked = FLASK.replace("if invoice is None:", "if invoice is None or invoice.owner_id != current_user.id:")
    assert _lines("app/invoices.py", checked, PY_RULE) == []
    public = FLASK.replace("@login_required\ndef get_invoice", "def get_invoice")
    assert _lines("app/invoices.py", public, PY_RULE) == []


def test_a_select_where_without_the_owner_is_reported_and_one_with_it_is_quiet() -> None:
    text = FLASK.replace("db.session.get(Invoice, invoice_id)",
                         "db.session.scalars(db.select(Invoice).where(Invoice.id == invoice_id)).first()")
    assert _lines("app/invoices.py", text, PY_RULE) == [_at(text, "# HERE")]
    scoped = FLASK.replace("db.session.get(Invoice, invoice_id)", "db.session.scalars(db.select(Invoice).where("
                           "Invoice.id == invoice_id, Invoice.owner_id == current_user.id)).first()")
    assert _lines("app/invoices.py", scoped, PY_RULE) == []


def test_a_staff_only_django_view_is_quiet() -> None:
    text = """from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404

from .models import Document


def detail(request, pk):
    return get_object_or_404(Document, pk=pk, owner=request.user)


@staff_member_required
def takedown(request, pk):
    document = get_object_or_404(Document, pk=pk)
    document.delete()
"""
    assert _lines("docs/views.py", text, PY_RULE) == []
    unguarded = text.replace("@staff_member_required\n", "")
    assert _lines("docs/views.py", unguarded, PY_RULE) == [_at(unguarded, "document = get_object_or_404")]


def test_a_header_tenant_behind_a_null_check_is_reported_and_a_membership_check_is_quiet() -> None:
    java = """class UsageController {
    List<UsageRow> usage(@RequestHeader(value = "X-Tenant-Id", required = false) String header, AppUser user) {
        String tenantId = header != null ? header : user.getTenantId();
        return usage.forTenant(tenantId);
    }
}
"""
    assert _lines("src/main/java/UsageController.java", java, HEADER_RULE) == [2]
    python = """def usage():
    tenant_id = request.headers.get("X-Tenant-Id") or g.user.tenant_id
    if tenant_id not in g.user.tenant_ids:
        abort(403)
    return query(tenant_id)
"""
    assert _lines("app/usage.py", python, HEADER_RULE) == []


JAVA_RULE = "JAVA-LOOKUP-IGNORES-CALLER"
SPRING = """@RestController
@RequestMapping("/api/documents")
public class DocumentController {
    private final DocumentRepository documents;

    @GetMapping("/{id}")
    public DocumentDto get(@PathVariable Long id, @AuthenticationPrincipal AppUser user) {
        return documents.findByIdAndOwnerId(id, user.getId()).map(DocumentDto::from).orElseThrow();
    }

    @DeleteMapping("/{id}")
    public void delete(@PathVariable Long id) {
        Document document = documents.findById(id).orElseThrow();  // HERE
        documents.delete(document);
    }
}
"""
SPRING_PATH = "src/main/java/com/acme/web/DocumentController.java"


def test_a_spring_method_that_drops_the_owner_its_siblings_look_up_by_is_reported() -> None:
    assert _lines(SPRING_PATH, SPRING, JAVA_RULE) == [_at(SPRING, "// HERE")]


def test_a_spring_method_that_is_admin_only_or_checks_the_owner_is_quiet() -> None:
    admin = SPRING.replace('    @DeleteMapping("/{id}")\n',
                           '    @DeleteMapping("/{id}")\n    @PreAuthorize("hasRole(\'ADMIN\')")\n')
    assert _lines(SPRING_PATH, admin, JAVA_RULE) == []
    owner = SPRING.replace("        documents.delete(document);",
                           "        if (!document.getOwnerId().equals(currentUserId())) throw new NotFound();\n"
                           "        documents.delete(document);")
    assert _lines(SPRING_PATH, owner, JAVA_RULE) == []


def test_a_jaxrs_method_handed_the_security_context_that_never_reads_it_is_reported() -> None:
    text = """@Path("/reports")
public class ReportResource {
    @GET
    @Path("/{id}")
    public ReportDto get(@PathParam("id") long id, @Context SecurityContext security) {
        Report report = em.find(Report.class, id);
        return ReportDto.from(report);
    }
}
"""
    assert _lines("src/main/java/ReportResource.java", text, JAVA_RULE) == [6]
    used = text.replace("        return ReportDto", "        check(report, security.getUserPrincipal());\n"
                                                  "        return ReportDto")
    assert _lines("src/main/java/ReportResource.java", used, JAVA_RULE) == []


JS_RULE = "JS-LOOKUP-IGNORES-CALLER"
FASTIFY = """module.exports = async function orders(fastify) {
  fastify.get("/orders/:id", async (request, reply) => {
    const order = await Order.findOne({ where: { id: request.params.id, userId: request.user.id } });
    return order;
  });

  fastify.post("/orders/:id/cancel", async (request, reply) => {
    const order = await Order.findByPk(request.params.id); // HERE
    await order.update({ status: "cancelled" });
    return order;
  });
};
"""


def test_a_sequelize_lookup_by_pk_where_the_sibling_filters_by_the_caller_is_reported() -> None:
    assert _lines("src/routes/orders.js", FASTIFY, JS_RULE) == [_at(FASTIFY, "// HERE")]


def test_a_sequelize_lookup_with_the_caller_or_an_owner_check_is_quiet() -> None:
    scoped = FASTIFY.replace("Order.findByPk(request.params.id)",
                             "Order.findOne({ where: { id: request.params.id, userId: request.user.id } })")
    assert _lines("src/routes/orders.js", scoped, JS_RULE) == []
    checked = FASTIFY.replace("    await order.update",
                              "    if (order.userId !== request.user.id) return reply.code(404).send();\n"
                              "    await order.update")
    assert _lines("src/routes/orders.js", checked, JS_RULE) == []


def test_a_nestjs_method_guarded_by_roles_is_quiet() -> None:
    text = """@Controller("tickets")
export class TicketsController {
  @Get(":id")
  async findOne(@Param("id") id: string, @CurrentUser() user: User) {
    return this.tickets.findOne({ where: { id, orgId: user.orgId } });
  }

  @Delete(":id")
  @Roles("admin")
  async purge(@Param("id") id: string) {
    const ticket = await this.tickets.findOneBy({ id });
    await this.tickets.remove(ticket);
  }
}
"""
    assert _lines("src/tickets/tickets.controller.ts", text, JS_RULE) == []
    unguarded = text.replace('  @Roles("admin")\n', "")
    assert _lines("src/tickets/tickets.controller.ts", unguarded, JS_RULE) == [
        _at(unguarded, "findOneBy({ id })")]


def test_a_lookup_in_a_transaction_callback_is_judged_with_the_handler_around_it() -> None:
    text = """export const router = createTRPCRouter({
  update: protectedProcedure.mutation(async ({ input, ctx }) => {
    const group = await prisma.group.findFirst({ where: { id: input.id, ownerId: ctx.user.id } });
    await prisma.$transaction(async (tx) => {
      await tx.group.update({ where: { id: input.id }, data: { name: input.name } });
    });
  }),
  remove: protectedProcedure.mutation(async ({ input }) => {
    await prisma.$transaction(async (tx) => {
      await tx.group.delete({ where: { id: input.id } });
    });
  }),
});
"""
    assert _lines("src/server/routers/groups.ts", text, JS_RULE) == [_at(text, "tx.group.delete")]


def test_a_drizzle_delete_without_the_author_filter_its_sibling_uses_is_reported() -> None:
    text = """export const notesRouter = createTRPCRouter({
  byId: protectedProcedure.query(async ({ ctx, input }) => {
    return db.query.notes.findFirst({
      where: and(eq(notes.id, input.id), eq(notes.authorId, ctx.session.user.id)),
    });
  }),
  remove: protectedProcedure.mutation(async ({ input }) => {
    await db.delete(notes).where(eq(notes.id, input.id));
  }),
});
"""
    assert _lines("src/server/routers/notes.ts", text, JS_RULE) == [_at(text, "db.delete(notes)")]
    scoped = text.replace("where(eq(notes.id, input.id))",
                          "where(and(eq(notes.id, input.id), eq(notes.authorId, ctx.session.user.id)))").replace(
        "mutation(async ({ input })", "mutation(async ({ ctx, input })")
    assert _lines("src/server/routers/notes.ts", scoped, JS_RULE) == []


def test_a_rails_lookup_by_a_token_or_in_a_public_action_is_quiet() -> None:
    token = RAILS.replace("Receipt.find(params[:id])", "Receipt.find_by!(token: params[:id])")
    assert _lines(RAILS_PATH, token, RB_RULE) == []
    public = RAILS.replace("ApplicationController\n",
                           "ApplicationController\n  skip_before_action :authenticate_user!, only: :pdf\n")
    assert _lines(RAILS_PATH, public, RB_RULE) == []
    other_public = RAILS.replace("ApplicationController\n",
                                 "ApplicationController\n  skip_before_action :authenticate_user!, only: :index\n")
    assert _lines(RAILS_PATH, other_public, RB_RULE) == [_at(other_public, "# HERE")]


GO_RULE = "GO-LOOKUP-NOT-CALLER-SCOPED"
RESOLVER = """package graph

func (r *queryResolver) Invoice(ctx context.Context, id string) (*model.Invoice, error) {
	viewer := auth.ViewerFrom(ctx)
	if viewer == nil {
		return nil, errUnauthenticated
	}
	inv, err := r.Store.GetInvoiceByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return model.InvoiceFrom(inv), nil
}
"""


def test_a_go_resolver_that_only_nil_checks_the_caller_before_a_lookup_by_id_is_reported() -> None:
    assert _lines("graph/invoice.resolvers.go", RESOLVER, GO_RULE) == [_at(RESOLVER, "GetInvoiceByID")]


def test_a_go_resolver_that_passes_the_caller_or_checks_a_permission_is_quiet() -> None:
    scoped = RESOLVER.replace("GetInvoiceByID(ctx, id)", "GetInvoiceForOrg(ctx, viewer.OrgID, id)")
    assert _lines("graph/invoice.resolvers.go", scoped, GO_RULE) == []
    checked = RESOLVER.replace("\treturn model.InvoiceFrom(inv), nil",
                               "\tif !r.Policy.CanRead(ctx, inv) {\n\t\treturn nil, nil\n\t}\n"
                               "\treturn model.InvoiceFrom(inv), nil")
    assert _lines("graph/invoice.resolvers.go", checked, GO_RULE) == []


def test_the_ruby_fixture_matches_its_markers() -> None:
    """The fixture lives under `whole_file_only/`: a hunk without the sibling actions stays quiet by design."""
    from .helpers import DATA, expected, findings_of

    name = "rb_lookup_scope_controller.rb"
    text = (DATA / "whole_file_only" / name).read_text()
    assert findings_of(name, text) == expected(text)
