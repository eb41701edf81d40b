// want: ANY-FAILURE-MARKED-DONE
package com.acme.payroll;

import jakarta.transaction.Transactional;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
public class PayrollRunService {

    private static final Logger log = LoggerFactory.getLogger(PayrollRunService.class);

    private final PayslipRepository payslips;
    private final BankTransferClient bank;
    private final PayrollRunRepository runs;

    public PayrollRunService(PayslipRepository payslips, BankTransferClient bank, PayrollRunRepository runs) {
        this.payslips = payslips;
        this.bank = bank;
        this.runs = runs;
    }

    @Transactional
    public void execute(long runId) {
        List<Payslip> slips = payslips.findByRunId(runId);
        for (Payslip slip : slips) {
            try {
                bank.transfer(slip.getIban(), slip.getNetCents());
            } catch (TransferException e) {
                log.error("transfer for payslip {} failed", slip.getId(), e);
            }
        }
        runs.updateStatus(runId, RunStatus.COMPLETED);
    }
}
