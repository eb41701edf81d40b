class OrdersController < ApplicationController
  def create
    begin
      order = Order.create!(order_params)
    rescue ActiveRecord::RecordInvalid => e  # expect: RB-RESCUE-LOGGED-CONTINUES
      Rails.logger.error(e.message)
    end
    render json: order.to_json
  end

  def charge
    response = HTTParty.post("https://payments.example/charge", body: { id: params[:id] })  # expect: RB-HTTP-STATUS-UNCHECKED, RB-HTTP-NO-TIMEOUT
    data = JSON.parse(response.body)
    render json: data
  end

  def sync
    Thread.new do  # expect: RB-THREAD-IN-REQUEST
      SyncService.call(params[:id])
    end
    head :accepted
  end

  def export
    File.open("/tmp/export.csv", "w") { |f| f.write(build_csv) }
    send_file "/tmp/#{params[:name]}"  # expect: RB-FILE-PATH
  end
end

class PaymentsController < ApplicationController
  def show
    payment = nil
    begin
      payment = Gateway.fetch(params[:id])
    rescue Gateway::Error => e
      logger.warn("gateway: #{e.message}")
    end
    return head(:not_found) unless payment
    render json: payment
  end

  def list
    payments = []
    begin
      payments = Gateway.list
    rescue Gateway::Error => e
      Rails.error.report(e)
    end
    render json: payments
  end

  def tested_with_nil
    begin
      receipt = Gateway.receipt(params[:id])
    rescue Gateway::Error => e
      logger.warn("gateway: #{e.message}")
    end
    render json: (receipt.nil? ? {} : receipt.to_h)
  end

  def reraise
    begin
      payment = Gateway.fetch(params[:id])
    rescue Gateway::Error => e
      logger.error(e)
      raise
    end
    render json: payment
  end
end
