class VoucherRedeemer
  def redeem!(code)
    voucher = Voucher.lock.find_by!(code: code) # expect: RB-LOCK-OUTSIDE-TX
    raise ArgumentError, "exhausted" if voucher.used >= voucher.limit

    voucher.update!(used: voucher.used + 1)
  end

  def redeem_in_transaction!(code)
    Voucher.transaction do
      voucher = Voucher.lock.find_by!(code: code)
      raise ArgumentError, "exhausted" if voucher.used >= voucher.limit

      voucher.update!(used: voucher.used + 1)
    end
  end

  def hold!(voucher)
    voucher.with_lock do
      voucher.update!(held: true)
    end
  end
end
