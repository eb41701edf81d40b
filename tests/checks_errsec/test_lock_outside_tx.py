"""GO-FOR-UPDATE-NO-TX, JS-FOR-UPDATE-NO-TX, RB-LOCK-OUTSIDE-TX: a row lock taken where no transaction holds
it, so it is released as soon as it is taken."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

GO = "GO-FOR-UPDATE-NO-TX"
JS = "JS-FOR-UPDATE-NO-TX"
RB = "RB-LOCK-OUTSIDE-TX"


def _lines(rule: str, path: str, text: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule)


def _hunk_lines(rule: str, path: str, language: str, text: str, start: int) -> list[int]:
    lines = {start + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(path, language, lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


_GO_RESERVE = """package store

func (s *Store) Reserve(ctx context.Context, seatID, userID int64) error {
	var taken bool
	if err := %s.Scan(&taken); err != nil {
		return err
	}
	if taken {
		return ErrTaken
	}
	_, err := s.db.ExecContext(ctx, "UPDATE seats SET taken = true, user_id = $2 WHERE id = $1", seatID, userID)
	return err
}
"""


@pytest.mark.parametrize("query", [
    's.db.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID)',
    's.pool.QueryRow(ctx, `SELECT taken FROM seats WHERE id = $1 FOR NO KEY UPDATE`, seatID)',
    's.DB.QueryRowx("SELECT taken FROM seats WHERE id = ? for update", seatID)',
])
def test_go_a_locking_select_on_the_pool_without_a_transaction_is_reported(query: str) -> None:
    assert _lines(GO, "internal/store/seats.go", _GO_RESERVE % query) == [5]


@pytest.mark.parametrize("query", [
    'tx.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID)',
    's.db.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1", seatID)',
    'q.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID)',
])
def test_go_a_transaction_handle_or_a_plain_select_is_left_alone(query: str) -> None:
    assert _lines(GO, "internal/store/seats.go", _GO_RESERVE % query) == []


def test_go_a_query_held_in_a_local_and_a_pool_parameter_is_reported() -> None:
    text = """package jobs

func Next(ctx context.Context, conns *pgxpool.Pool) (int64, error) {
	const q = `SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`
	var id int64
	if err := conns.QueryRow(ctx, q).Scan(&id); err != nil {
		return 0, err
	}
	_, err := conns.Exec(ctx, "UPDATE jobs SET state = 'running' WHERE id = $1", id)
	return id, err
}
"""
    assert _lines(GO, "internal/jobs/next.go", text) == [6]


def test_go_one_statement_that_locks_and_writes_is_left_alone() -> None:
    text = """package jobs

func Claim(ctx context.Context, db *sql.DB) (int64, error) {
	var id int64
	err := db.QueryRowContext(ctx, `UPDATE jobs SET state = 'running'
		WHERE id = (SELECT id FROM jobs WHERE state = 'queued' LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING id`).Scan(&id)
	return id, err
}
"""
    assert _lines(GO, "internal/jobs/claim.go", text) == []


def test_go_a_function_that_begins_a_transaction_is_left_alone() -> None:
    text = """package store

func (s *Store) Reserve(ctx context.Context, seatID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var taken bool
	if err := s.db.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID).Scan(&taken); err != nil {
		return err
	}
	return tx.Commit()
}
"""
    assert _lines(GO, "internal/store/seats.go", text) == []


def test_go_a_hunk_without_its_whole_function_is_left_alone() -> None:
    hunk = """	var taken bool
	if err := s.db.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID).Scan(&taken); err != nil {
		return err
	}"""
    assert _hunk_lines(GO, "internal/store/seats.go", "go", hunk, 30) == []


_JS_WITHDRAW = """export async function withdraw(id: string, amount: number) {
  const rows = %s;
  if (rows[0].balance < amount) throw new InsufficientFunds();
  await pool.query('UPDATE wallets SET balance = balance - $2 WHERE id = $1', [id, amount]);
}
"""


@pytest.mark.parametrize("query", [
    "(await pool.query('SELECT balance FROM wallets WHERE id = $1 FOR UPDATE', [id])).rows",
    "await this.prisma.$queryRaw<Wallet[]>`SELECT * FROM wallets WHERE id = ${id} FOR UPDATE`",
    "await knex.raw('select balance from wallets where id = ? for update', [id])",
    "await db.one('SELECT balance FROM wallets WHERE id = $1 FOR SHARE', [id])",
])
def test_js_a_locking_select_on_a_pool_without_a_transaction_is_reported(query: str) -> None:
    assert _lines(JS, "src/wallets/withdraw.ts", _JS_WITHDRAW % query) == [2]


@pytest.mark.parametrize("query", [
    "(await client.query('SELECT balance FROM wallets WHERE id = $1 FOR UPDATE', [id])).rows",
    "(await pool.query('SELECT balance FROM wallets WHERE id = $1', [id])).rows",
])
def test_js_a_client_or_a_plain_select_is_left_alone(query: str) -> None:
    assert _lines(JS, "src/wallets/withdraw.ts", _JS_WITHDRAW % query) == []


def test_js_a_function_with_a_transaction_is_left_alone() -> None:
    text = """export async function withdraw(id, amount) {
  return prisma.$transaction(async (tx) => {
    const [w] = await tx.$queryRaw`SELECT * FROM wallets WHERE id = ${id} FOR UPDATE`;
    const [v] = await prisma.$queryRaw`SELECT * FROM vaults WHERE id = ${w.vaultId} FOR UPDATE`;
    await tx.wallet.update({ where: { id }, data: { balance: w.balance - amount } });
  });
}

export async function claim(pool) {
  const { rows } = await pool.query(`WITH next AS (SELECT id FROM jobs LIMIT 1 FOR UPDATE SKIP LOCKED)
    UPDATE jobs SET state = 'running' FROM next WHERE jobs.id = next.id RETURNING jobs.id`);
  return rows[0];
}
"""
    assert _lines(JS, "src/wallets/withdraw.js", text) == []


_RB = """class VoucherRedeemer
  def redeem!(code)
    voucher = %s
    raise Exhausted if voucher.used >= voucher.limit
    voucher.update!(used: voucher.used + 1)
  end
end
"""


@pytest.mark.parametrize("lock", [
    "Voucher.lock.find_by!(code: code)",
    "Voucher.where(code: code).lock(\"FOR UPDATE NOWAIT\").first!",
    "Voucher.find_by!(code: code).tap(&:lock!)",
])
def test_rb_a_lock_outside_a_transaction_is_reported(lock: str) -> None:
    assert _lines(RB, "app/services/voucher_redeemer.rb", _RB % lock) == [3]


def test_rb_lock_bang_then_save_is_reported() -> None:
    text = """class Wallets::Debit
  def call(account, amount)
    account.lock!
    account.balance -= amount
    account.save!
  end
end
"""
    assert _lines(RB, "app/services/wallets/debit.rb", text) == [3]


def test_rb_locks_inside_a_transaction_or_with_lock_are_left_alone() -> None:
    text = """class Wallets::Debit
  def call(account, amount)
    Account.transaction do
      account.lock!
      account.balance -= amount
      account.save!
    end
  end

  def hold(account)
    account.with_lock do
      account.update!(held: true)
    end
  end

  def peek(code)
    Voucher.lock.find_by!(code: code)
  end
end
"""
    assert _lines(RB, "app/services/wallets/debit.rb", text) == []


def test_rb_a_hunk_inside_a_method_is_reported() -> None:
    hunk = """  def release(seat)
    seat.lock!
    seat.update!(held_by: nil)
  end"""
    assert _hunk_lines(RB, "app/models/seat.rb", "ruby", hunk, 40) == [41]


def test_rb_a_redis_mutex_around_the_work_is_left_alone() -> None:
    text = """class SeatAllocator
  def allocate(booking)
    lock = RedisMutex.new("seats:#{booking.event_id}", expire: 10)
    lock.lock!
    begin
      seat = booking.event.seats.free.lock.first!
      seat.update!(booking: booking)
      seat
    ensure
      lock.unlock
    end
  end
end
"""
    assert _lines(RB, "app/services/seat_allocator.rb", text) == []


def test_a_helper_that_only_locks_is_left_alone() -> None:
    js = """export const createConfigQueries = (pool) => {
  const lockSigningKeys = async () =>
    pool.query(sql`select key from configs where key = ${'keys'} for update`);
  const deleteKey = async (key) => pool.query(sql`delete from configs where key = ${key}`);
  return { lockSigningKeys, deleteKey };
};
"""
    assert _lines(JS, "src/queries/configs.ts", js) == []
    go = """package store

func (s *Store) lockSeat(ctx context.Context, id int64) error {
	_, err := s.db.QueryContext(ctx, "SELECT id FROM seats WHERE id = $1 FOR UPDATE", id)
	return err
}
"""
    assert _lines(GO, "internal/store/seats.go", go) == []
