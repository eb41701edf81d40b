# Rails controller fixture: each flagged line names its check; the lines next to them must stay clean.
class OrdersController < ApplicationController
  SORTABLE = %w[created_at total].freeze
  DIRECTIONS = { "up" => "ASC", "down" => "DESC" }.freeze

  def index
    name = params[:name]
    @orders = Order.where("customer = '#{name}'") # expect: RB-SQL-INTERPOLATION
    @orders = Order.where("customer = ?", name)
    @orders = Order.where(customer: name)
    @orders = Order.order(params[:sort]) # expect: RB-SQL-INTERPOLATION
    @orders = Order.order(params[:sort].to_sym)
    column = params[:column]
    column = "created_at" unless SORTABLE.include?(column)
    @orders = Order.order("#{column} #{DIRECTIONS[params[:dir]]}")
    @orders = Order.where("id > #{params[:after].to_i}")
    @orders = Order.where("note = #{Order.connection.quote(name)}")
    @orders = Order.where("#{Order.table_name}.state = 'open'")
    @totals = Order.pluck(Arel.sql(params[:expr])) # expect: RB-SQL-INTERPOLATION
    @big = [1, 2, 3].select { |n| n > 1 }
  end

  def report(day)
    sql = "SELECT sum(total) FROM orders WHERE day = '#{day}'"
    Order.connection.select_all(sql) # expect: RB-SQL-INTERPOLATION
    rows = <<~SQL
      SELECT id FROM orders WHERE region = '#{params[:region]}'
    SQL
    Order.find_by_sql(rows) # expect: RB-SQL-INTERPOLATION
    Order.find_by_sql(["SELECT id FROM orders WHERE region = ?", params[:region]])
  end

  def export
    system("zip -r /tmp/out.zip #{params[:dir]}") # expect: RB-SHELL-INTERPOLATION
    system("zip", "-r", "/tmp/out.zip", params[:dir]) # expect: RB-SYSTEM-UNCHECKED
    `ls #{params[:dir]}` # expect: RB-SHELL-INTERPOLATION
    `uptime`
  end

  def create
    @order = Order.new(params[:order]) # expect: RB-MASS-ASSIGNMENT
    @order = Order.new(order_params)
    @order.update(params.require(:order).permit!) # expect: RB-MASS-ASSIGNMENT, RB-WRITE-RESULT-IGNORED
    Order.update(params[:id], state: "open")
    redirect_to params[:return_to] # expect: RB-OPEN-REDIRECT
  end

  def back
    redirect_to request.referer # expect: RB-OPEN-REDIRECT
    redirect_to params[:return_to], allow_other_host: false
    redirect_to "/orders/#{params[:id]}"
    redirect_to order_path(params[:id])
  end

  def dispatch_export
    exporter = params[:format].constantize # expect: RB-CODE-INJECTION
    exporter = { "csv" => CsvExport }.fetch(params[:format])
    Order.first.public_send(params[:field]) # expect: RB-CODE-INJECTION
    Order.first.public_send(:total)
    YAML.load(params[:payload]) # expect: RB-CODE-INJECTION
    YAML.safe_load(params[:payload])
  end

  def preview
    @note = params[:note].html_safe # expect: RB-UNESCAPED-HTML
    @label = "<b>#{helpers.sanitize(params[:note])}</b>".html_safe
    render inline: "<p>#{params[:note]}</p>" # expect: RB-UNESCAPED-HTML
    render plain: params[:note]
  end

  def download
    send_file params[:path] # expect: RB-FILE-PATH
    send_file Rails.root.join("exports", File.basename(params[:path]))
    render params[:page] # expect: RB-FILE-PATH
    render params[:action]
  end

  def sync
    Inventory.refresh!
  rescue => e # expect: RB-RESCUE-SWALLOW
    nil
  end

  def sync_logged
    Inventory.refresh!
  rescue StandardError => e
    Rails.logger.error("inventory refresh failed: #{e.message}")
  end

  def sync_missing
    Inventory.find(params[:id])
  rescue ActiveRecord::RecordNotFound
    nil
  end

  def sync_everything
    begin
      Inventory.refresh!
    rescue Exception => e # expect: RB-RESCUE-EXCEPTION
      Rails.logger.error(e.message)
    end
    begin
      Inventory.refresh!
    rescue Exception
      raise
    end
    receipt = Receipt.create!(order: @order) rescue nil # expect: RB-RESCUE-MODIFIER
    amount = Integer(params[:amount]) rescue 0
  end

  def charge
    PaymentGateway.charge!(@order)
  rescue PaymentGateway::Declined => e
    render json: { error: e.message }, status: :payment_required
  rescue => e
    Rails.error.report(e)
    render json: { error: e.message }, status: :internal_server_error # expect: RB-EXCEPTION-LEAK
  end

  def login
    Rails.logger.info("login for #{params[:email]} with #{params[:password]}") # expect: RB-SECRET-IN-LOG
    Rails.logger.info("login for #{params[:email]}, password given: #{params[:password].present?}")
    logger.debug "session token #{@session_token}" # expect: RB-SECRET-IN-LOG
  end

  def webhook
    head :unauthorized unless params[:signature] == OpenSSL::HMAC.hexdigest("SHA256", SECRET, request.raw_post) # expect: RB-TIMING-COMPARE, RB-RENDER-NO-RETURN
    head :unauthorized unless ActiveSupport::SecurityUtils.secure_compare(params[:signature], expected_signature) # expect: RB-RENDER-NO-RETURN
    head :bad_request if params[:signature].nil? || params[:signature] == ""
    @receipt_token = rand(10**12).to_s # expect: RB-INSECURE-RANDOM
    @receipt_token = SecureRandom.urlsafe_base64(24)
    @colour = %w[red green].sample
  end

  private

  def order_params
    params.require(:order).permit(:item_id, :quantity)
  end
end

SIGNING_KEY = ENV.fetch("ORDER_SIGNING_KEY", "dev-signing-key-123") # expect: RB-SECRET-FALLBACK
WEBHOOK_TOKEN = ENV["WEBHOOK_TOKEN"] || "whk-local-only-0000" # expect: RB-SECRET-FALLBACK
REGION = ENV.fetch("AWS_REGION", "eu-west-1")
API_TOKEN = ENV.fetch("API_TOKEN")
Rails.application.config.secret_key_base = "c0ffee1234deadbeef5678feedface90" # expect: RB-HARDCODED-SECRET
Rails.application.config.secret_key_base = ENV.fetch("SECRET_KEY_BASE")
