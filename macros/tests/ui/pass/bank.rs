// An interface from an IDL file: a servant implements the generated trait, the generated
// skeleton serves it on an in-process channel, and the generated proxy calls it.
#![deny(warnings)]

use std::{
    future::Future,
    pin::pin,
    sync::{Arc, Mutex},
    task::{Context, Poll, Waker},
};

orbit::idl!("tests/ui/idl/bank.idl");

use bank::{Account, AccountProxy, AccountServer, AccountWithdrawError, InsufficientFunds, Money};

struct Vault {
    cents: Mutex<i64>,
}

impl Account for Vault {
    async fn balance(&self) -> Result<Money, orbit::Error> {
        let cents = *self.cents.lock().unwrap();
        Ok(Money { cents })
    }

    async fn withdraw(&self, amount: Money) -> Result<(), AccountWithdrawError> {
        let mut cents = self.cents.lock().unwrap();
        if amount.cents > *cents {
            return Err(InsufficientFunds {
                balance: Money { cents: *cents },
            }
            .into());
        }
        *cents -= amount.cents;
        Ok(())
    }
}

/// Polls a future that never waits (the in-process channel answers at once).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            return value;
        }
    }
}

fn main() {
    let channel = orbit::InProcess::new();
    let vault = Vault {
        cents: Mutex::new(1_000),
    };
    channel.bind("vault", Arc::new(AccountServer::new(vault)));
    let account = AccountProxy::new(channel.clone(), "vault");

    block_on(account.withdraw(Money { cents: 400 })).unwrap();
    assert_eq!(block_on(account.balance()).unwrap(), Money { cents: 600 });
    let refused = block_on(account.withdraw(Money { cents: 700 })).unwrap_err();
    assert_eq!(
        refused,
        AccountWithdrawError::InsufficientFunds(InsufficientFunds {
            balance: Money { cents: 600 }
        })
    );
}
