"""Ruby shapes between `params` and a sink that the method-local flow follows: a block over a list from
the request, a private strong-parameters helper, and a private helper that builds the text from its
parameter. Numbers, `basename`, an allow-list helper and a helper given only constants stay quiet."""

from __future__ import annotations

from .flow_shapes import assert_marked

_HEAD = "class ReportsController < ApplicationController\n  SORTS = %w[name created_at].freeze\n\n"


def test_a_block_over_request_items_gets_each_item() -> None:
    code = _HEAD + (
        "  def purge\n"
        "    params[:files].each do |f|\n"
        "      File.delete(File.join(\"/srv/reports\", f)) # expect: RB-FILE-PATH\n"
        "    end\n"
        "  end\n"
        "\n"
        "  def tidy\n"
        "    params[:files].each do |f|\n"
        "      File.delete(File.join(\"/srv/reports\", File.basename(f)))\n"
        "    end\n"
        "    params[:ids].each do |id|\n"
        "      Report.connection.execute(\"DELETE FROM reports WHERE id = #{id.to_i}\")\n"
        "    end\n"
        "  end\n"
        "end\n"
    )
    assert_marked("app/controllers/reports_controller.rb", code, 3)


def test_a_strong_parameters_helper_returns_request_data() -> None:
    code = _HEAD + (
        "  def download\n"
        "    send_file File.join(\"/srv/reports\", report_params[:file]) # expect: RB-FILE-PATH\n"
        "  end\n"
        "\n"
        "  def sorted\n"
        "    @reports = Report.order(sort_column)\n"
        "  end\n"
        "\n"
        "  private\n"
        "\n"
        "  def report_params\n"
        "    params.require(:report).permit(:file)\n"
        "  end\n"
        "\n"
        "  def sort_column\n"
        "    SORTS.include?(params[:sort]) ? params[:sort] : \"name\"\n"
        "  end\n"
        "end\n"
    )
    assert_marked("app/controllers/reports_controller.rb", code, 3)


def test_a_private_helper_that_builds_text_from_its_parameter_passes_request_data_on() -> None:
    code = _HEAD + (
        "  def show\n"
        "    Report.connection.execute(order_clause(params[:sort])) # expect: RB-SQL-INTERPOLATION\n"
        "  end\n"
        "\n"
        "  def index\n"
        "    Report.connection.execute(order_clause(\"name\"))\n"
        "  end\n"
        "\n"
        "  private\n"
        "\n"
        "  def order_clause(column)\n"
        "    \"SELECT * FROM reports ORDER BY \" + column\n"
        "  end\n"
        "end\n"
    )
    assert_marked("app/controllers/reports_controller.rb", code, 3)
