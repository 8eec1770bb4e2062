# bank_accounts.py — a small bank: accounts, interest, overdrafts, a ledger.
# Run it with `build/tide examples/bank_accounts.py`; python3 prints the same.
# Shows: a class hierarchy with super(), properties, classmethods and
# staticmethods, __repr__, custom exceptions carrying attributes, and
# try/except/else/finally.  Amounts are whole cents (ints), never floats.


class AccountError(Exception):
    pass


class InsufficientFunds(AccountError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {cents(amount)}: "
                         f"only {cents(account.available)} available")
        self.account = account
        self.amount = amount


class AccountFrozen(AccountError):
    pass


def cents(amount):
    return ("-" if amount < 0 else "") + f"${abs(amount) // 100:,}.{abs(amount) % 100:02d}"


class Account:
    next_number = 1000
    log = []  # one ledger shared by every account: (number, kind, amount)

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.number = Account.next_number
        self.frozen = False
        Account.next_number += 1

    @classmethod
    def open(cls, owner, deposit):
        account = cls(owner)
        account.deposit(deposit)
        return account

    @staticmethod
    def check(account, amount):
        if amount <= 0:
            raise ValueError(f"amount must be positive, not {amount}")
        if account.frozen:
            raise AccountFrozen(f"account {account.number} is frozen")

    @property
    def balance(self):
        return self._balance

    @property
    def available(self):
        return self._balance

    def _post(self, kind, amount):
        """Changes the balance by `amount` (signed) and records it in the log."""
        self._balance += amount
        Account.log.append((self.number, kind, amount))

    def deposit(self, amount):
        Account.check(self, amount)
        self._post("deposit", amount)

    def withdraw(self, amount):
        Account.check(self, amount)
        if amount > self.available:
            raise InsufficientFunds(self, amount)
        self._post("withdraw", -amount)

    def month_end(self):
        pass  # plain accounts earn nothing and pay nothing

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self._balance})"


class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate_pct=2):
        super().__init__(owner, balance)
        self.rate_pct = rate_pct

    def month_end(self):
        interest = self._balance * self.rate_pct // 1200  # yearly rate, monthly
        if interest > 0:
            self._post("interest", interest)


class CheckingAccount(Account):
    FEE = 250
    OVERDRAFT = 50_000

    @property
    def available(self):
        return self._balance + CheckingAccount.OVERDRAFT

    def month_end(self):
        if self._balance < 0:
            self._post("fee", -CheckingAccount.FEE)


def transfer(source, target, amount):
    # Undo the withdrawal when the deposit fails, then let the error go on.
    source.withdraw(amount)
    try:
        target.deposit(amount)
    except AccountError:
        source.deposit(amount)
        raise


accounts = [SavingsAccount.open("Ann", 250_000), CheckingAccount.open("Bob", 12_000),
            Account.open("Cid", 5_000)]
ann, bob, cid = accounts
print(accounts)

operations = [("transfer", ann, bob, 30_000), ("withdraw", bob, None, 80_000),
              ("withdraw", cid, None, 9_000), ("deposit", cid, None, -5),
              ("transfer", bob, cid, 1_000), ("freeze", cid, None, 0),
              ("transfer", ann, cid, 2_000), ("withdraw", ann, None, 10_000)]
for step, (op, acc, other, amount) in enumerate(operations, start=1):
    try:
        if op == "transfer":
            transfer(acc, other, amount)
        elif op == "withdraw":
            acc.withdraw(amount)
        elif op == "deposit":
            acc.deposit(amount)
        elif op == "freeze":
            acc.frozen = True
    except InsufficientFunds as e:
        print(f"{step}: refused: {e} (short by {cents(e.amount - e.account.available)})")
    except AccountError as e:
        print(f"{step}: {type(e).__name__}: {e}")
    except ValueError as e:
        print(f"{step}: bad request: {e}")
    else:
        print(f"{step}: {op} {cents(amount)} ok")
    finally:
        if acc.balance < 0:
            print(f"   {acc.owner} is overdrawn: {cents(acc.balance)}")

for acc in accounts * 3:  # three month ends
    acc.month_end()
print("\nafter three months:")
for acc in sorted(accounts, key=lambda a: a.balance, reverse=True):
    print(f"  #{acc.number} {acc.owner:<6} {cents(acc.balance):>11}")

totals = {}
for number, kind, amount in Account.log:
    totals[kind] = totals.get(kind, 0) + amount
assert sum(totals.values()) == sum(a.balance for a in accounts)
print(f"\n{len(Account.log)} ledger entries")
for kind in sorted(totals):
    print(f"  {kind:<9}{cents(totals[kind]):>12}")
print("bank holds", cents(sum(a.balance for a in accounts)),
      [type(a).__name__ for a in accounts if a.available > a.balance])
