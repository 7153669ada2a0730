//! The generated bank, end to end: proxy → encode → `InProcess` → skeleton → servant → encode →
//! proxy, on tokio.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU32, Ordering},
    },
};

use orbit::{Completion, Error, ErrorKind, InProcess, Proxy};
use orbit_test_codegen_iface::finance::{
    Account, AccountProxy, AccountRoundOutput, AccountServer, AccountWithdrawError, Accounts, Bank,
    BankFindError, BankProxy, BankServer, BankTransferError, BankTransferOutput, Cents, Currency,
    Frozen, History, InsufficientFunds, Listener, ListenerProxy, ListenerServer, Movement,
    NoSuchAccount, Savings, SavingsProxy, SavingsServer,
};

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// An account; with a rate it is a savings account too.
struct AccountImpl {
    id: String,
    currency: Currency,
    frozen: bool,
    state: Mutex<AccountState>,
}

struct AccountState {
    balance: Cents,
    nickname: String,
    history: Vec<Movement>,
    rate: f64,
}

impl AccountImpl {
    fn new(id: String, owner: String, currency: Currency, rate: f64) -> Self {
        AccountImpl {
            frozen: owner == "frozen",
            id,
            currency,
            state: Mutex::new(AccountState {
                balance: 0,
                nickname: owner,
                history: Vec::new(),
                rate,
            }),
        }
    }
}

impl Account for AccountImpl {
    async fn id(&self) -> Result<String, Error> {
        Ok(self.id.clone())
    }

    async fn currency(&self) -> Result<Currency, Error> {
        Ok(self.currency)
    }

    async fn balance(&self) -> Result<Cents, Error> {
        Ok(lock(&self.state).balance)
    }

    async fn nickname(&self) -> Result<String, Error> {
        Ok(lock(&self.state).nickname.clone())
    }

    async fn set_nickname(&self, value: String) -> Result<(), Error> {
        lock(&self.state).nickname = value;
        Ok(())
    }

    async fn deposit(&self, amount: Cents, memo: String) -> Result<(), Error> {
        if amount <= 0 {
            return Err(Error::new(
                ErrorKind::Internal,
                Completion::No,
                format!("cannot deposit {amount}"),
            ));
        }
        let mut state = lock(&self.state);
        state.balance += amount;
        state.history.push(Movement {
            amount,
            memo,
            reference: None,
        });
        Ok(())
    }

    async fn withdraw(&self, amount: Cents, memo: String) -> Result<Cents, AccountWithdrawError> {
        if self.frozen {
            return Err(Frozen {
                reason: format!("{} is frozen", self.id),
            }
            .into());
        }
        let mut state = lock(&self.state);
        if amount > state.balance {
            return Err(InsufficientFunds {
                balance: state.balance,
                requested: amount,
            }
            .into());
        }
        state.balance -= amount;
        state.history.push(Movement {
            amount: -amount,
            memo,
            reference: Some("withdrawal".to_owned()),
        });
        Ok(state.balance)
    }

    async fn history(&self, last: u16) -> Result<History, Error> {
        let state = lock(&self.state);
        let skip = state.history.len().saturating_sub(usize::from(last));
        Ok(state.history[skip..].to_vec())
    }

    async fn round(&self, amount: Cents) -> Result<AccountRoundOutput, Error> {
        let dropped = amount % 100;
        Ok(AccountRoundOutput {
            result: dropped != 0,
            amount: amount - dropped,
            dropped,
        })
    }
}

impl Savings for AccountImpl {
    async fn rate(&self) -> Result<f64, Error> {
        Ok(lock(&self.state).rate)
    }

    async fn set_rate(&self, value: f64) -> Result<(), Error> {
        lock(&self.state).rate = value;
        Ok(())
    }

    async fn accrue(&self, days: u16) -> Result<Cents, Error> {
        let mut state = lock(&self.state);
        let interest = (state.balance as f64 * state.rate * f64::from(days) / 365.0) as Cents;
        state.balance += interest;
        Ok(interest)
    }
}

/// The bank: opens accounts as objects of the channel it serves on.
struct BankImpl {
    channel: Arc<InProcess>,
    next: AtomicU32,
    accounts: Mutex<HashMap<String, Arc<AccountImpl>>>,
    listeners: Mutex<Vec<ListenerProxy>>,
    audits: AtomicU32,
}

impl BankImpl {
    fn add(&self, owner: String, currency: Currency, rate: f64) -> (String, Arc<AccountImpl>) {
        let id = format!("account-{}", self.next.fetch_add(1, Ordering::Relaxed));
        let account = Arc::new(AccountImpl::new(id.clone(), owner, currency, rate));
        lock(&self.accounts).insert(id.clone(), account.clone());
        (id, account)
    }
}

impl Bank for BankImpl {
    async fn open(&self, owner: String, currency: Currency) -> Result<Option<AccountProxy>, Error> {
        let (id, account) = self.add(owner, currency, 0.0);
        self.channel
            .bind(id.clone(), Arc::new(AccountServer::from_arc(account)));
        Ok(Some(AccountProxy::new(self.channel.clone(), id)))
    }

    async fn open_savings(&self, owner: String, rate: f64) -> Result<Option<SavingsProxy>, Error> {
        let (id, account) = self.add(owner, Currency::Chf, rate);
        self.channel
            .bind(id.clone(), Arc::new(SavingsServer::from_arc(account)));
        Ok(Some(SavingsProxy::new(self.channel.clone(), id)))
    }

    async fn accounts(&self) -> Result<Accounts, Error> {
        let mut ids: Vec<String> = lock(&self.accounts).keys().cloned().collect();
        ids.sort();
        Ok(ids
            .into_iter()
            .map(|id| Some(AccountProxy::new(self.channel.clone(), id)))
            .collect())
    }

    async fn find(&self, id: String) -> Result<Option<AccountProxy>, BankFindError> {
        if !lock(&self.accounts).contains_key(&id) {
            return Err(NoSuchAccount { id }.into());
        }
        Ok(Some(AccountProxy::new(self.channel.clone(), id)))
    }

    async fn transfer(
        &self,
        from: Option<AccountProxy>,
        to: Option<AccountProxy>,
        amount: Cents,
    ) -> Result<BankTransferOutput, BankTransferError> {
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Error::new(ErrorKind::Internal, Completion::No, "a nil account").into());
        };
        // Both accounts are called back through the channel the references arrived on.
        let remaining = match from.withdraw(amount, "transfer".to_owned()).await {
            Ok(remaining) => remaining,
            Err(AccountWithdrawError::InsufficientFunds(e)) => return Err(e.into()),
            Err(AccountWithdrawError::Frozen(e)) => {
                return Err(Error::new(ErrorKind::Internal, Completion::No, e.reason).into());
            }
            Err(AccountWithdrawError::System(e)) => return Err(e.into()),
        };
        to.deposit(amount, "transfer".to_owned()).await?;
        let id = from.id().await?;
        let listeners = lock(&self.listeners).clone();
        for listener in listeners {
            listener.changed(id.clone(), remaining).await?;
        }
        Ok(BankTransferOutput { remaining })
    }

    async fn subscribe(&self, listener: Option<ListenerProxy>) -> Result<(), Error> {
        lock(&self.listeners).extend(listener);
        Ok(())
    }

    async fn audit(&self, _note: String) -> Result<(), Error> {
        self.audits.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    async fn audits(&self) -> Result<u32, Error> {
        Ok(self.audits.load(Ordering::Relaxed))
    }
}

/// A client-side listener, reached by the bank through a reference the client hands it.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(String, Cents)>>,
}

impl Listener for Recorder {
    async fn changed(&self, account_id: String, balance: Cents) -> Result<(), Error> {
        lock(&self.seen).push((account_id, balance));
        Ok(())
    }
}

/// A channel with the bank bound under `bank`, and a proxy for it.
fn bank() -> (Arc<InProcess>, BankProxy) {
    let channel = InProcess::new();
    let servant = BankImpl {
        channel: channel.clone(),
        next: AtomicU32::new(1),
        accounts: Mutex::default(),
        listeners: Mutex::default(),
        audits: AtomicU32::new(0),
    };
    channel.bind("bank", Arc::new(BankServer::new(servant)));
    let proxy = BankProxy::new(channel.clone(), "bank");
    (channel, proxy)
}

async fn open(bank: &BankProxy, owner: &str) -> AccountProxy {
    bank.open(owner.to_owned(), Currency::Eur)
        .await
        .expect("open succeeds")
        .expect("a reference")
}

#[tokio::test]
async fn plain_calls_and_attributes() {
    let (_, bank) = bank();
    let account = open(&bank, "ada").await;
    assert_eq!(account.id().await.unwrap(), "account-1");
    assert_eq!(account.currency().await.unwrap(), Currency::Eur);
    account.deposit(2_500, "salary".to_owned()).await.unwrap();
    account.deposit(500, "gift".to_owned()).await.unwrap();
    assert_eq!(account.balance().await.unwrap(), 3_000);
    let history = account.history(1).await.unwrap();
    assert_eq!(
        history,
        [Movement {
            amount: 500,
            memo: "gift".to_owned(),
            reference: None,
        }]
    );
    assert_eq!(account.nickname().await.unwrap(), "ada");
    account.set_nickname("rainy day".to_owned()).await.unwrap();
    assert_eq!(account.nickname().await.unwrap(), "rainy day");
}

#[tokio::test]
async fn out_and_inout_parameters_come_back_together() {
    let (_, bank) = bank();
    let account = open(&bank, "ada").await;
    let output = account.round(1_234).await.unwrap();
    assert_eq!(
        output,
        AccountRoundOutput {
            result: true,
            amount: 1_200,
            dropped: 34,
        }
    );
    let other = open(&bank, "bob").await;
    account.deposit(1_000, "start".to_owned()).await.unwrap();
    let moved = bank
        .transfer(Some(account.clone()), Some(other.clone()), 400)
        .await
        .unwrap();
    assert_eq!(moved, BankTransferOutput { remaining: 600 });
    assert_eq!(other.balance().await.unwrap(), 400);
}

#[tokio::test]
async fn declared_exceptions_arrive_as_their_variant() {
    let (_, bank) = bank();
    let account = open(&bank, "ada").await;
    account.deposit(100, "start".to_owned()).await.unwrap();
    let error = account.withdraw(250, "rent".to_owned()).await.unwrap_err();
    assert_eq!(
        error,
        AccountWithdrawError::InsufficientFunds(InsufficientFunds {
            balance: 100,
            requested: 250,
        })
    );
    let frozen = open(&bank, "frozen").await;
    match frozen.withdraw(1, "try".to_owned()).await {
        Err(AccountWithdrawError::Frozen(Frozen { reason })) => {
            assert_eq!(reason, "account-2 is frozen");
        }
        other => panic!("{other:?}"),
    }
    // An exception the servant raises in a nested call travels on as the outer one's.
    let other = open(&bank, "bob").await;
    let error = bank
        .transfer(Some(account.clone()), Some(other), 1_000)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        BankTransferError::InsufficientFunds(InsufficientFunds {
            balance: 100,
            requested: 1_000,
        })
    );
    match bank.find("account-99".to_owned()).await {
        Err(BankFindError::NoSuchAccount(NoSuchAccount { id })) => assert_eq!(id, "account-99"),
        other => panic!("{other:?}"),
    }
    assert_eq!(account.balance().await.unwrap(), 100);
}

#[tokio::test]
async fn system_errors_from_the_servant_propagate() {
    let (_, bank) = bank();
    let account = open(&bank, "ada").await;
    let error = account.deposit(-5, "oops".to_owned()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Internal);
    assert_eq!(error.message(), "cannot deposit -5");
    let error = bank.transfer(None, Some(account), 1).await.unwrap_err();
    let BankTransferError::System(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.message(), "a nil account");
}

#[tokio::test]
async fn oneway_calls_run_without_a_reply() {
    let (channel, bank) = bank();
    bank.audit("first".to_owned()).await.unwrap();
    bank.audit("second".to_owned()).await.unwrap();
    assert_eq!(bank.audits().await.unwrap(), 2);
    // The bank calls the client's listener, a oneway operation, through the reference the
    // client handed it.
    let recorder = Arc::new(Recorder::default());
    channel.bind(
        "listener",
        Arc::new(ListenerServer::from_arc(recorder.clone())),
    );
    bank.subscribe(Some(ListenerProxy::new(channel.clone(), "listener")))
        .await
        .unwrap();
    let from = open(&bank, "ada").await;
    let to = open(&bank, "bob").await;
    from.deposit(300, "start".to_owned()).await.unwrap();
    bank.transfer(Some(from), Some(to), 120).await.unwrap();
    assert_eq!(*lock(&recorder.seen), [("account-1".to_owned(), 180)]);
}

#[tokio::test]
async fn derived_proxies_call_base_operations() {
    let (_, bank) = bank();
    let savings = bank
        .open_savings("ada".to_owned(), 0.05)
        .await
        .unwrap()
        .unwrap();
    // `deposit` and `balance` are `Account`'s, served by `SavingsServer`.
    savings.deposit(36_500, "start".to_owned()).await.unwrap();
    assert_eq!(savings.currency().await.unwrap(), Currency::Chf);
    assert_eq!(savings.rate().await.unwrap(), 0.05);
    savings.set_rate(0.1).await.unwrap();
    assert_eq!(savings.accrue(10).await.unwrap(), 100);
    assert_eq!(savings.balance().await.unwrap(), 36_600);
    // A savings account is an account: its proxy converts, and the bank takes it as one.
    let plain = open(&bank, "bob").await;
    let as_account = AccountProxy::from(savings.clone());
    bank.transfer(Some(as_account), Some(plain.clone()), 600)
        .await
        .unwrap();
    assert_eq!(plain.balance().await.unwrap(), 600);
    assert_eq!(
        SavingsProxy::INTERFACE.repository_id,
        "IDL:orbit.test/Finance/Savings:1.0"
    );
    assert!(SavingsProxy::INTERFACE.is_a("IDL:orbit.test/Finance/Account:1.0"));
}

#[tokio::test]
async fn references_travel_both_ways() {
    let (channel, bank) = bank();
    let account = open(&bank, "ada").await;
    // The returned reference names the object the bank bound, with its interface.
    let reference = account.to_ref();
    assert_eq!(&reference.object_id[..], b"account-1");
    assert_eq!(reference.type_id, "IDL:orbit.test/Finance/Account:1.0");
    let found = bank.find("account-1".to_owned()).await.unwrap().unwrap();
    assert_eq!(found, account);
    // A reference rebuilt on a channel reaches the same object.
    let rebuilt = AccountProxy::from_ref(channel.clone(), reference.clone());
    rebuilt.deposit(10, "again".to_owned()).await.unwrap();
    assert_eq!(account.balance().await.unwrap(), 10);
    // serde keeps the reference; decoded outside a call it is detached.
    let json = serde_json::to_string(&account).unwrap();
    let detached: AccountProxy = serde_json::from_str(&json).unwrap();
    assert_eq!(detached.to_ref(), reference);
    let error = detached.balance().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unreachable);
    // A sequence of references arrives as proxies on the caller's channel.
    let second = open(&bank, "bob").await;
    let all = bank.accounts().await.unwrap();
    assert_eq!(all, [Some(account.clone()), Some(second)]);
    let Some(Some(first)) = all.first() else {
        panic!("{all:?}")
    };
    assert_eq!(first.balance().await.unwrap(), 10);
}

#[tokio::test]
async fn bound_violations_are_refused_before_sending() {
    let (_, bank) = bank();
    let account = open(&bank, "ada").await;
    let error = account.deposit(10, "x".repeat(257)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadMessage);
    assert_eq!(error.completion(), Completion::No);
    assert_eq!(
        error.to_string(),
        "bad message: Finance::Account::deposit.memo has 257 characters, more than its bound 256"
    );
    let error = account.set_nickname("n".repeat(33)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadMessage);
    let error = bank.find("i".repeat(65)).await.unwrap_err();
    assert!(
        matches!(&error, BankFindError::System(e) if e.kind() == ErrorKind::BadMessage),
        "{error:?}"
    );
    // Nothing reached the servant.
    assert_eq!(account.balance().await.unwrap(), 0);
    assert_eq!(account.nickname().await.unwrap(), "ada");
    // A reply that breaks a bound is refused by the skeleton: the operation did run.
    let long = open(&bank, &"o".repeat(40)).await;
    let error = long.nickname().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadMessage);
    assert_eq!(error.completion(), Completion::Yes);
}

#[tokio::test]
async fn unknown_objects_and_operations_are_errors() {
    let (channel, bank) = bank();
    let nobody = AccountProxy::new(channel.clone(), "nobody");
    let error = nobody.balance().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NoSuchObject);
    assert_eq!(error.completion(), Completion::No);
    // A plain account has no `rate`: the skeleton refuses the operation.
    open(&bank, "ada").await;
    let pretender = SavingsProxy::new(channel.clone(), "account-1");
    assert_eq!(pretender.balance().await.unwrap(), 0);
    let error = pretender.rate().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NoSuchOperation);
    assert!(error.message().contains("Finance::Account"), "{error}");
}

#[tokio::test]
async fn skeletons_refuse_operations_they_do_not_have() {
    use orbit::{Dispatch, bytes::Bytes, dispatch::CallContext};

    let account = AccountImpl::new("a".to_owned(), "ada".to_owned(), Currency::Usd, 0.0);
    let server = AccountServer::new(account);
    let error = server
        .dispatch(CallContext::detached(), 7, Bytes::new())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NoSuchOperation);
    assert_eq!(
        error.to_string(),
        "no such operation: `Finance::Account` has no operation with id 0x00000007"
    );
    // A request that does not decode is refused before the servant runs.
    let deposit = orbit::dispatch::operation_id("deposit");
    let error = server
        .dispatch(
            CallContext::detached(),
            deposit,
            Bytes::from_static(&[0x12, 5, b'x']),
        )
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadMessage);
    assert_eq!(error.completion(), Completion::No);
    assert_eq!(lock(&server.servant().state).balance, 0);
}
