//! golive as a library, built without the command line's crates
//! (`cargo run --example library --no-default-features`): when is Europe live if I am ready
//! tomorrow, and a plan of three connectors with one seat per train.

use std::num::NonZeroU32;

use golive::chrono::{Duration, Utc};
use golive::{Batch, Config, Connector, Plan};

fn main() -> Result<(), golive::Error> {
    let config = Config::embedded()?;
    let zone = config.timezone();

    // Ready tomorrow at 09:00 in the schedule zone.
    let tomorrow = (Utc::now().with_timezone(&zone) + Duration::days(1)).date_naive();
    let ready = config.parse_ready(&format!("{tomorrow}T09:00"))?;
    let rollout = golive::when(&config, ready)?;
    if let Some(europe) = rollout.date_of("europe") {
        println!(
            "Ready {ready}: the train leaves {}; Europe is live on {europe}.",
            rollout.train().start
        );
    }

    // Three connectors, one seat per train: priority boards first, then readiness.
    let config = config.with_max_per_train(NonZeroU32::new(1));
    let batch = Batch::from_connectors(vec![
        Connector::new("Contoso", ready),
        Connector::new("Fabrikam", ready).with_priority(5),
        Connector::new("Northwind", ready).with_after(["Contoso"]),
    ])?;
    let plan = Plan::new(&config, &batch)?;
    for (id, connector) in batch.iter() {
        if let Some(train) = plan.train_of(id) {
            println!(
                "{} rides the train of {} and is live everywhere on {}.",
                connector.name(),
                train.train.start,
                train.finish()
            );
        }
    }
    Ok(())
}
