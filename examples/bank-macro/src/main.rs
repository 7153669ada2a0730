//! The bank of `examples/idl/bank.idl`, with its Rust code generated at compile time by the
//! `orbit::idl!` macro: no build script. (`bank-build-rs` is the same program with a build
//! script.)
//!
//! The servants (a bank, and one object per account) are served through `orbit::InProcess`,
//! the in-process channel, and called through the generated proxies: every call is encoded,
//! dispatched to the skeleton and decoded, as it would be over a socket.
//!
//! Run it with `cargo run -p bank-macro`.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, MutexGuard,
        atomic::{AtomicU32, Ordering},
    },
};

use orbit::{Completion, Error, ErrorKind, InProcess};

// The path is relative to this crate's `Cargo.toml`. The IDL module `Finance` becomes
// `mod finance`; editing the IDL file rebuilds the crate.
orbit::idl!("../idl/bank.idl");

use finance::{
    Account, AccountProxy, AccountServer, AccountWithdrawError, Bank, BankFindError, BankProxy,
    BankServer, BankTransferError, BankTransferOutput, Cents, Change, Currency, History,
    InsufficientFunds, Listener, ListenerProxy, ListenerServer, MAX_TRANSFER, Movement,
    NoSuchAccount,
};

/// What the bank knows about one account.
struct AccountData {
    currency: Currency,
    balance: Cents,
    history: History,
}

/// The state the bank and its account objects share.
struct Ledger {
    /// The channel the bank serves on, where it binds the account objects it opens.
    channel: Arc<InProcess>,
    accounts: Mutex<HashMap<String, AccountData>>,
    listeners: Mutex<Vec<ListenerProxy>>,
    next_id: AtomicU32,
}

impl Ledger {
    /// Tells every listener about a change of account `id`. Listeners are called with a
    /// oneway operation: the bank does not wait for an answer.
    async fn notify(&self, id: &str, change: Change) -> Result<(), Error> {
        let listeners = lock(&self.listeners).clone();
        for listener in listeners {
            listener.changed(id.to_owned(), change.clone()).await?;
        }
        Ok(())
    }
}

/// The servant of `interface Bank`.
struct BankServant {
    ledger: Arc<Ledger>,
}

impl Bank for BankServant {
    async fn open(&self, owner: String, currency: Currency) -> Result<Option<AccountProxy>, Error> {
        let number = self.ledger.next_id.fetch_add(1, Ordering::Relaxed);
        let id = format!("{}-{number}", owner.to_lowercase());
        let data = AccountData {
            currency,
            balance: 0,
            history: History::new(),
        };
        lock(&self.ledger.accounts).insert(id.clone(), data);
        // Each account is an object of its own, reached by its id.
        let servant = AccountServant {
            id: id.clone(),
            ledger: self.ledger.clone(),
        };
        let channel = &self.ledger.channel;
        channel.bind(id.clone(), Arc::new(AccountServer::new(servant)));
        Ok(Some(AccountProxy::new(channel.clone(), id)))
    }

    async fn find(&self, id: String) -> Result<Option<AccountProxy>, BankFindError> {
        if !lock(&self.ledger.accounts).contains_key(&id) {
            return Err(NoSuchAccount { id }.into());
        }
        Ok(Some(AccountProxy::new(self.ledger.channel.clone(), id)))
    }

    async fn transfer(
        &self,
        from: Option<AccountProxy>,
        to: Option<AccountProxy>,
        amount: Cents,
    ) -> Result<BankTransferOutput, BankTransferError> {
        let (Some(from), Some(to)) = (from, to) else {
            return Err(refused("a transfer needs two accounts").into());
        };
        if !(1..=MAX_TRANSFER).contains(&amount) {
            return Err(refused(format!("cannot transfer {amount} cents")).into());
        }
        // The references arrive as proxies: ask the objects who they are.
        let (from_id, to_id) = (from.id().await?, to.id().await?);
        let remaining = {
            let mut accounts = lock(&self.ledger.accounts);
            let balance = accounts.get(&from_id).map_or(0, |a| a.balance);
            if balance < amount {
                return Err(InsufficientFunds {
                    balance,
                    requested: amount,
                }
                .into());
            }
            if !accounts.contains_key(&to_id) {
                return Err(refused(format!("no account `{to_id}`")).into());
            }
            record(&mut accounts, &from_id, -amount, format!("to {to_id}"))?;
            record(&mut accounts, &to_id, amount, format!("from {from_id}"))?;
            balance - amount
        };
        Ok(BankTransferOutput { remaining })
    }

    async fn subscribe(&self, listener: Option<ListenerProxy>) -> Result<(), Error> {
        lock(&self.ledger.listeners).extend(listener);
        Ok(())
    }

    async fn audit(&self, note: String) -> Result<(), Error> {
        let accounts = lock(&self.ledger.accounts).len();
        println!("  [bank] audit \"{note}\": {accounts} accounts open");
        Ok(())
    }
}

/// The servant of `interface Account`: one per account, bound under the account's id.
struct AccountServant {
    id: String,
    ledger: Arc<Ledger>,
}

impl AccountServant {
    /// Reads this account's data.
    fn read<T>(&self, read: impl FnOnce(&AccountData) -> T) -> Result<T, Error> {
        let accounts = lock(&self.ledger.accounts);
        accounts
            .get(&self.id)
            .map(read)
            .ok_or_else(|| gone(&self.id))
    }
}

impl Account for AccountServant {
    async fn id(&self) -> Result<String, Error> {
        Ok(self.id.clone())
    }

    async fn currency(&self) -> Result<Currency, Error> {
        self.read(|account| account.currency)
    }

    async fn balance(&self) -> Result<Cents, Error> {
        self.read(|account| account.balance)
    }

    async fn deposit(&self, amount: Cents, memo: String) -> Result<(), Error> {
        if amount <= 0 {
            return Err(refused(format!("cannot deposit {amount} cents")));
        }
        let movement = record(&mut lock(&self.ledger.accounts), &self.id, amount, memo)?;
        self.ledger
            .notify(&self.id, Change::Deposit(movement))
            .await
    }

    async fn withdraw(&self, amount: Cents, memo: String) -> Result<Cents, AccountWithdrawError> {
        let movement = {
            let mut accounts = lock(&self.ledger.accounts);
            let balance = accounts
                .get(&self.id)
                .ok_or_else(|| gone(&self.id))?
                .balance;
            if balance < amount {
                // A declared exception: the caller gets `AccountWithdrawError::InsufficientFunds`.
                return Err(InsufficientFunds {
                    balance,
                    requested: amount,
                }
                .into());
            }
            record(&mut accounts, &self.id, -amount, memo)?
        };
        let balance = self.read(|account| account.balance)?;
        self.ledger
            .notify(&self.id, Change::Withdrawal(movement))
            .await?;
        Ok(balance)
    }

    async fn history(&self, last: u16) -> Result<History, Error> {
        self.read(|account| {
            let skip = account.history.len().saturating_sub(usize::from(last));
            account.history.iter().skip(skip).cloned().collect()
        })
    }
}

/// A listener on the client's side: the bank calls it back through the reference the client
/// handed to `subscribe`.
struct PrintingListener;

impl Listener for PrintingListener {
    async fn changed(&self, account_id: String, what: Change) -> Result<(), Error> {
        let (kind, movement) = match &what {
            Change::Deposit(movement) => ("deposit", movement),
            Change::Withdrawal(movement) => ("withdrawal", movement),
        };
        println!(
            "  [listener] {account_id}: {kind} of {} ({})",
            cents(movement.amount.abs()),
            movement.memo
        );
        Ok(())
    }
}

/// Adds a movement to account `id` and returns it.
fn record(
    accounts: &mut HashMap<String, AccountData>,
    id: &str,
    amount: Cents,
    memo: String,
) -> Result<Movement, Error> {
    let account = accounts.get_mut(id).ok_or_else(|| gone(id))?;
    account.balance += amount;
    let movement = Movement {
        amount,
        memo,
        reference: Some(format!("#{}", account.history.len() + 1)),
    };
    account.history.push(movement.clone());
    Ok(movement)
}

fn refused(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Refused, Completion::No, message.into())
}

fn gone(id: &str) -> Error {
    Error::new(
        ErrorKind::NoSuchObject,
        Completion::No,
        format!("account `{id}` was closed"),
    )
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `1234` cents as `12.34`.
fn cents(amount: Cents) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let amount = amount.unsigned_abs();
    format!("{sign}{}.{:02}", amount / 100, amount % 100)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The server side: the bank, bound under "bank" on an in-process channel.
    let channel = InProcess::new();
    let ledger = Arc::new(Ledger {
        channel: channel.clone(),
        accounts: Mutex::default(),
        listeners: Mutex::default(),
        next_id: AtomicU32::new(1),
    });
    channel.bind("bank", Arc::new(BankServer::new(BankServant { ledger })));

    // The client side: a proxy for the bank, and a listener of our own for it to call.
    let bank = BankProxy::new(channel.clone(), "bank");
    channel.bind("listener", Arc::new(ListenerServer::new(PrintingListener)));
    bank.subscribe(Some(ListenerProxy::new(channel.clone(), "listener")))
        .await?;

    let ada = bank
        .open("Ada".to_owned(), Currency::Eur)
        .await?
        .ok_or("the bank opened no account")?;
    let bob = bank
        .open("Bob".to_owned(), Currency::Eur)
        .await?
        .ok_or("the bank opened no account")?;
    println!(
        "opened {} ({:?}) and {}",
        ada.id().await?,
        ada.currency().await?,
        bob.id().await?
    );

    // Amounts are in cents (IDL `typedef long long Cents`).
    ada.deposit(25_000, "salary".to_owned()).await?;
    ada.deposit(1_250, "birthday".to_owned()).await?;
    println!("ada's balance: {}", cents(ada.balance().await?));

    let left = ada.withdraw(4_000, "groceries".to_owned()).await?;
    println!("withdrew 40.00, {} left", cents(left));

    match ada.withdraw(100_000, "a boat".to_owned()).await {
        Ok(left) => println!("bought a boat, {} left", cents(left)),
        Err(AccountWithdrawError::InsufficientFunds(InsufficientFunds { balance, requested })) => {
            println!(
                "cannot withdraw {}: insufficient funds ({} available)",
                cents(requested),
                cents(balance)
            )
        }
        Err(AccountWithdrawError::System(error)) => return Err(error.into()),
    }

    let moved = bank
        .transfer(Some(ada.clone()), Some(bob.clone()), 10_000)
        .await?;
    println!(
        "transferred 100.00 to bob: ada has {}, bob has {}",
        cents(moved.remaining),
        cents(bob.balance().await?)
    );

    match bank.find("carol-9".to_owned()).await {
        Ok(_) => println!("found carol"),
        Err(BankFindError::NoSuchAccount(NoSuchAccount { id })) => {
            println!("no account `{id}`")
        }
        Err(BankFindError::System(error)) => return Err(error.into()),
    }
    let found = bank.find("ada-1".to_owned()).await?.ok_or("no reference")?;
    println!(
        "found ada-1 again: balance {}",
        cents(found.balance().await?)
    );

    println!("ada's last 3 movements:");
    for movement in ada.history(3).await? {
        println!(
            "  {:>8}  {} {}",
            cents(movement.amount),
            movement.memo,
            movement.reference.unwrap_or_default()
        );
    }

    // A oneway operation: sent without waiting for a reply.
    bank.audit("end of day".to_owned()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_runs() {
        super::main().unwrap();
    }
}
