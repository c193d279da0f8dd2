//! The trigger lexicon: verbs, nominalisations and fixed phrases that signal an event, each
//! with its family (PLOVER type and mode, default ACLED sub-event type).
//!
//! Entries are written as base forms; [`Lexicon::new`] generates the inflected forms (verbs:
//! -s, -ed, -ing and irregular forms; nouns: plurals; phrases also hyphenated and closed up:
//! "air strike", "air-strike", "airstrike"), so matching is a hash lookup per token.

use crate::ontology::AcledSub;
use std::collections::HashMap;

/// Part of speech a trigger is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A verb ("captured").
    Verb,
    /// A noun ("strike", "capture").
    Noun,
    /// Either ("attack").
    Both,
}

/// What a trigger does to the triggers that follow it in its clause ("agreed to withdraw").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Nothing.
    None,
    /// The following event is planned, promised or threatened.
    Future,
    /// The following event is refused.
    Negated,
}

/// Event families: a PLOVER type and mode with a default ACLED sub-event type; the coder
/// refines the ACLED type from the sentence (weapons, targets, actors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Armed clashes, battles, fighting.
    Clash,
    /// Shelling, artillery, missiles, rockets.
    Shelling,
    /// Air and drone strikes.
    AirStrike,
    /// Generic attacks and strikes.
    Attack,
    /// Shooting.
    Shoot,
    /// Killing.
    Kill,
    /// Bombs, explosions, IEDs, mines.
    Bomb,
    /// Suicide bombings.
    SuicideBomb,
    /// Grenades.
    Grenade,
    /// Chemical weapons.
    Chemical,
    /// Kidnapping and abduction.
    Abduct,
    /// Sexual violence.
    Sexual,
    /// Torture and beating.
    Torture,
    /// Massacres.
    Massacre,
    /// Capturing people or places.
    Capture,
    /// Arrests and detentions.
    Arrest,
    /// Retaking territory.
    Retake,
    /// Taking control of territory.
    TakeTerritory,
    /// Advances and offensives.
    Advance,
    /// Invasions.
    Invade,
    /// Withdrawals and retreats.
    Withdraw,
    /// Handing over territory.
    Handover,
    /// Surrender.
    Surrender,
    /// Deployment and stationing of forces.
    Deploy,
    /// Bases and headquarters set up.
    EstablishBase,
    /// Recruitment, mergers, defections.
    GroupChange,
    /// Weapons defused, intercepted, seized.
    Disrupt,
    /// Weapons found, recovered, handed in (a trigger only with a weapon as its object).
    Recover,
    /// Destruction, looting, arson.
    Destroy,
    /// Peaceful protests.
    Protest,
    /// Riots.
    Riot,
    /// Mob violence.
    Mob,
    /// Dispersal of protests.
    Disperse,
    /// Agreements.
    Agree,
    /// Signed agreements, ceasefires.
    Sign,
    /// Meetings and talks.
    Consult,
    /// Cooperation.
    Cooperate,
    /// Aid.
    Aid,
    /// Concessions, releases.
    Concede,
    /// Demands.
    Demand,
    /// Criticism and accusations.
    Disapprove,
    /// Rejections.
    Reject,
    /// Threats.
    Threaten,
    /// Sanctions and breaks in relations.
    Sanction,
    /// Investigations.
    Investigate,
    /// Support and praise.
    Support,
    /// Restrictions: curfews, bans, blockades.
    Restrict,
    /// Deportations and expulsions.
    Deport,
    /// Cyber attacks and hacking.
    Cyber,
}

impl Family {
    /// PLOVER event type.
    pub const fn plover(self) -> &'static str {
        use Family::*;
        match self {
            Clash | Shelling | AirStrike | Retake | TakeTerritory | Advance | Invade => "FIGHT",
            Attack | Shoot | Kill | Bomb | SuicideBomb | Grenade | Chemical | Sexual | Torture
            | Massacre | Mob => "ASSAULT",
            Abduct | Capture | Arrest | Destroy | Restrict | Deport | Disrupt | Recover
            | Disperse | Cyber => "COERCE",
            Withdraw | Surrender => "RETREAT",
            Handover | Concede => "CONCEDE",
            Deploy | EstablishBase | GroupChange => "MOBILIZE",
            Protest | Riot => "PROTEST",
            Agree => "AGREE",
            Sign | Support => "SUPPORT",
            Consult => "CONSULT",
            Cooperate => "COOPERATE",
            Aid => "AID",
            Demand => "DEMAND",
            Disapprove => "DISAPPROVE",
            Reject => "REJECT",
            Threaten => "THREATEN",
            Sanction => "SANCTION",
            Investigate => "INVESTIGATE",
        }
    }

    /// PLOVER mode.
    pub const fn mode(self) -> Option<&'static str> {
        use Family::*;
        Some(match self {
            Shelling => "heavy-weapons",
            AirStrike => "aerial",
            Shoot => "firearms",
            Bomb | Grenade => "explosives",
            SuicideBomb => "suicide-attack",
            Chemical => "chemical",
            Sexual => "sexual",
            Torture => "torture",
            Abduct => "detain",
            Capture | Arrest => "arrest",
            Destroy => "destroy",
            Restrict => "restrict",
            Deport => "deport",
            Disrupt | Recover => "confiscate",
            Deploy => "troops",
            Protest => "demo",
            Riot | Mob => "riot",
            Disperse => "police",
            Cyber => "cyber",
            _ => return None,
        })
    }

    /// The ACLED sub-event type before refinement, when the family is an ACLED event.
    pub const fn acled(self) -> Option<AcledSub> {
        use Family::*;
        Some(match self {
            Clash | Advance | Invade => AcledSub::ArmedClash,
            Shelling => AcledSub::Shelling,
            AirStrike => AcledSub::AirStrike,
            Attack | Shoot | Kill | Torture | Massacre => AcledSub::Attack,
            Bomb => AcledSub::RemoteExplosive,
            SuicideBomb => AcledSub::SuicideBomb,
            Grenade => AcledSub::Grenade,
            Chemical => AcledSub::ChemicalWeapon,
            Abduct => AcledSub::Abduction,
            Sexual => AcledSub::SexualViolence,
            Capture | Arrest => AcledSub::Arrests,
            Retake => AcledSub::GovRegainsTerritory,
            TakeTerritory => AcledSub::NonStateOvertakesTerritory,
            Withdraw | Handover => AcledSub::NonViolentTransfer,
            // ACLED lists surrenders among agreements between armed actors.
            Surrender => AcledSub::Agreement,
            GroupChange | Deploy => AcledSub::ChangeToGroup,
            EstablishBase => AcledSub::HqEstablished,
            Disrupt | Recover => AcledSub::DisruptedWeapons,
            Destroy => AcledSub::Looting,
            Protest => AcledSub::PeacefulProtest,
            Riot => AcledSub::ViolentDemonstration,
            Mob => AcledSub::MobViolence,
            Disperse => AcledSub::ProtestWithIntervention,
            Sign => AcledSub::Agreement,
            Agree => AcledSub::Agreement,
            Restrict | Deport => AcledSub::Other,
            _ => return None,
        })
    }

    /// True for violent families (whose quantities of dead are fatalities).
    pub const fn violent(self) -> bool {
        use Family::*;
        matches!(
            self,
            Clash
                | Shelling
                | AirStrike
                | Attack
                | Shoot
                | Kill
                | Bomb
                | SuicideBomb
                | Grenade
                | Chemical
                | Torture
                | Massacre
                | Mob
                | Riot
                | Invade
                | Advance
                | Retake
                | TakeTerritory
        )
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Base form ("capture", "shoot down", "air strike").
    pub words: &'static str,
    /// How it is written.
    pub pos: Pos,
    /// The event family.
    pub family: Family,
    /// What it does to later triggers in its clause.
    pub control: Control,
    /// How reliably the word signals an event of its family (0..1).
    pub weight: f32,
}

const fn e(words: &'static str, pos: Pos, family: Family) -> Entry {
    Entry {
        words,
        pos,
        family,
        control: Control::None,
        weight: 1.0,
    }
}

const fn weak(words: &'static str, pos: Pos, family: Family) -> Entry {
    Entry {
        words,
        pos,
        family,
        control: Control::None,
        weight: 0.6,
    }
}

const fn ctl(words: &'static str, family: Family, control: Control) -> Entry {
    Entry {
        words,
        pos: Pos::Verb,
        family,
        control,
        weight: 1.0,
    }
}

use Control as C;
use Family as F;
use Pos::{Both as B, Noun as N, Verb as V};

/// The shipped trigger lexicon.
pub const ENTRIES: &[Entry] = &[
    // ---- fighting --------------------------------------------------------------------------
    e("clash", B, F::Clash),
    e("fight", B, F::Clash),
    e("fighting", N, F::Clash),
    e("battle", B, F::Clash),
    e("gunbattle", N, F::Clash),
    e("gun battle", N, F::Clash),
    e("firefight", N, F::Clash),
    e("skirmish", B, F::Clash),
    e("exchange fire", V, F::Clash),
    e("exchange of fire", N, F::Clash),
    e("engage", V, F::Clash),
    e("ambush", B, F::Clash),
    e("shootout", N, F::Clash),
    e("shoot-out", N, F::Clash),
    e("gunfight", N, F::Clash),
    e("crossfire", N, F::Clash),
    e("repel", V, F::Clash),
    e("repulse", V, F::Clash),
    e("fend off", V, F::Clash),
    e("counterattack", B, F::Clash),
    e("counter-attack", B, F::Clash),
    e("shell", V, F::Shelling),
    e("shelling", N, F::Shelling),
    e("bombard", V, F::Shelling),
    e("bombardment", N, F::Shelling),
    e("artillery fire", N, F::Shelling),
    e("artillery attack", N, F::Shelling),
    e("rocket attack", N, F::Shelling),
    e("missile attack", N, F::Shelling),
    e("missile strike", N, F::Shelling),
    e("mortar", N, F::Shelling),
    e("fire rockets", V, F::Shelling),
    e("fire missiles", V, F::Shelling),
    e("fire shells", V, F::Shelling),
    e("fire mortars", V, F::Shelling),
    e("launch rockets", V, F::Shelling),
    e("launch missiles", V, F::Shelling),
    e("air strike", N, F::AirStrike),
    e("airstrike", N, F::AirStrike),
    e("air raid", N, F::AirStrike),
    e("drone strike", N, F::AirStrike),
    e("drone attack", N, F::AirStrike),
    e("air attack", N, F::AirStrike),
    e("bomb", V, F::AirStrike),
    e("bombing raid", N, F::AirStrike),
    e("pound", V, F::Shelling),
    e("attack", B, F::Attack),
    e("assault", B, F::Attack),
    e("raid", B, F::Attack),
    e("strike", B, F::Attack),
    e("hit", V, F::Attack),
    e("target", V, F::Attack),
    e("storm", V, F::Attack),
    e("open fire", V, F::Shoot),
    e("fire", V, F::Shoot),
    e("fire on", V, F::Shoot),
    e("fire at", V, F::Shoot),
    e("shoot", V, F::Shoot),
    e("shooting", N, F::Shoot),
    e("gun down", V, F::Shoot),
    e("gunfire", N, F::Shoot),
    e("kill", V, F::Kill),
    e("killing", N, F::Kill),
    e("murder", B, F::Kill),
    e("assassinate", V, F::Kill),
    e("assassination", N, F::Kill),
    e("behead", V, F::Kill),
    e("execute", V, F::Kill),
    e("stab", V, F::Attack),
    e("wound", V, F::Attack),
    e("injure", V, F::Attack),
    e("explosion", N, F::Bomb),
    e("blast", N, F::Bomb),
    e("explode", V, F::Bomb),
    e("detonate", V, F::Bomb),
    e("bombing", N, F::Bomb),
    e("roadside bomb", N, F::Bomb),
    e("car bomb", N, F::Bomb),
    e("landmine", N, F::Bomb),
    e("ied", N, F::Bomb),
    e("improvised explosive device", N, F::Bomb),
    e("blow up", V, F::Bomb),
    e("suicide bomber", N, F::SuicideBomb),
    e("suicide bombing", N, F::SuicideBomb),
    e("suicide attack", N, F::SuicideBomb),
    e("suicide bomb", N, F::SuicideBomb),
    e("suicide car bomb", N, F::SuicideBomb),
    e("blow himself up", V, F::SuicideBomb),
    e("blow herself up", V, F::SuicideBomb),
    e("blow themselves up", V, F::SuicideBomb),
    e("grenade", N, F::Grenade),
    e("grenade attack", N, F::Grenade),
    e("chemical weapon", N, F::Chemical),
    e("chemical attack", N, F::Chemical),
    e("mustard gas", N, F::Chemical),
    e("sarin", N, F::Chemical),
    e("chlorine gas", N, F::Chemical),
    e("nerve agent", N, F::Chemical),
    e("poison gas", N, F::Chemical),
    e("poisonous gas", N, F::Chemical),
    e("toxic gas", N, F::Chemical),
    e("gas attack", N, F::Chemical),
    e("chemical agent", N, F::Chemical),
    e("kidnap", V, F::Abduct),
    e("kidnapping", N, F::Abduct),
    e("abduct", V, F::Abduct),
    e("abduction", N, F::Abduct),
    e("take hostage", V, F::Abduct),
    e("hostage", N, F::Abduct),
    e("hostage-taking", N, F::Abduct),
    e("hold captive", V, F::Abduct),
    e("forcibly disappear", V, F::Abduct),
    e("rape", B, F::Sexual),
    e("gang-rape", B, F::Sexual),
    e("gang rape", N, F::Sexual),
    e("molest", V, F::Sexual),
    e("sexually assault", V, F::Sexual),
    e("sexual assault", N, F::Sexual),
    e("sexual violence", N, F::Sexual),
    e("sexually abuse", V, F::Sexual),
    e("torture", B, F::Torture),
    e("beat", V, F::Torture),
    e("beat up", V, F::Torture),
    e("massacre", B, F::Massacre),
    e("slaughter", B, F::Massacre),
    // ---- territory, captures, arrests -------------------------------------------------------
    e("capture", B, F::Capture),
    e("apprehend", V, F::Capture),
    e("take prisoner", V, F::Capture),
    e("take captive", V, F::Capture),
    e("seize", V, F::Capture),
    e("seizure", N, F::Capture),
    e("arrest", B, F::Arrest),
    e("detain", V, F::Arrest),
    e("detention", N, F::Arrest),
    e("round up", V, F::Arrest),
    e("imprison", V, F::Arrest),
    e("jail", V, F::Arrest),
    e("take into custody", V, F::Arrest),
    e("nab", V, F::Arrest),
    e("retake", V, F::Retake),
    e("recapture", B, F::Retake),
    e("regain", V, F::Retake),
    e("reclaim", V, F::Retake),
    e("liberate", V, F::Retake),
    e("take back", V, F::Retake),
    e("regain control", V, F::Retake),
    e("wrest control", V, F::TakeTerritory),
    e("assume control", V, F::TakeTerritory),
    e("push out", V, F::Retake),
    e("drive out", V, F::Retake),
    e("push", V, F::Retake),
    e("drive", V, F::Retake),
    e("control", V, F::TakeTerritory),
    e("take control", V, F::TakeTerritory),
    e("seize control", V, F::TakeTerritory),
    e("gain control", V, F::TakeTerritory),
    e("overrun", V, F::TakeTerritory),
    e("take over", V, F::TakeTerritory),
    e("fall to", V, F::TakeTerritory),
    e("restore control", V, F::Retake),
    e("clear", V, F::Retake),
    e("advance", B, F::Advance),
    e("offensive", N, F::Advance),
    e("counteroffensive", N, F::Advance),
    e("counter-offensive", N, F::Advance),
    e("incursion", N, F::Invade),
    e("invade", V, F::Invade),
    e("invasion", N, F::Invade),
    e("push back", V, F::Advance),
    e("withdraw", V, F::Withdraw),
    e("withdrawal", N, F::Withdraw),
    e("pull out", V, F::Withdraw),
    e("retreat", B, F::Withdraw),
    e("evacuate", V, F::Withdraw),
    e("hand over", V, F::Handover),
    e("handover", N, F::Handover),
    e("cede", V, F::Handover),
    e("surrender", B, F::Surrender),
    e("defect", V, F::GroupChange),
    e("recruit", V, F::GroupChange),
    e("merge", V, F::GroupChange),
    e("disband", V, F::GroupChange),
    e("pledge allegiance", V, F::GroupChange),
    e("swear allegiance", V, F::GroupChange),
    e("declare allegiance", V, F::GroupChange),
    e("split from", V, F::GroupChange),
    e("rename", V, F::GroupChange),
    e("formation", N, F::GroupChange),
    e("vacate", V, F::Withdraw),
    e("form", V, F::GroupChange),
    e("redeploy", V, F::Deploy),
    e("move troops", V, F::Deploy),
    e("send troops", V, F::Deploy),
    e("deploy", V, F::Deploy),
    e("deployment", N, F::Deploy),
    e("station", V, F::Deploy),
    e("mobilize", V, F::Deploy),
    e("mobilise", V, F::Deploy),
    e("mobilization", N, F::Deploy),
    e("reinforce", V, F::Deploy),
    e("reinforcement", N, F::Deploy),
    e("strengthen", V, F::Deploy),
    e("high alert", N, F::Deploy),
    e("on alert", N, F::Deploy),
    e("stop work", V, F::Protest),
    e("collect signatures", V, F::Protest),
    e("block", V, F::Protest),
    e("dispatch", V, F::Deploy),
    e("work stoppage", N, F::Protest),
    e("patrol", B, F::Deploy),
    e("military exercise", N, F::Deploy),
    e("establish a base", V, F::EstablishBase),
    e("set up a base", V, F::EstablishBase),
    e("set up headquarters", V, F::EstablishBase),
    e("establish headquarters", V, F::EstablishBase),
    e("defuse", V, F::Disrupt),
    e("intercept", V, F::Disrupt),
    e("shoot down", V, F::Disrupt),
    // "downed two drones": the verb only in this form (needs an aircraft or missile after).
    e("downed", N, F::Disrupt),
    e("dismantle", V, F::Disrupt),
    e("thwart", V, F::Disrupt),
    e("foil", V, F::Disrupt),
    e("weapons cache", N, F::Disrupt),
    e("arms cache", N, F::Disrupt),
    e("confiscate", V, F::Disrupt),
    e("confiscation", N, F::Disrupt),
    e("defusal", N, F::Disrupt),
    e("bomb disposal", N, F::Disrupt),
    e("bomb squad", N, F::Disrupt),
    e("controlled explosion", N, F::Disrupt),
    e("controlled detonation", N, F::Disrupt),
    e("neutralize", V, F::Disrupt),
    e("neutralise", V, F::Disrupt),
    e("deactivate", V, F::Disrupt),
    e("interception", N, F::Disrupt),
    e("weapons haul", N, F::Disrupt),
    e("arms haul", N, F::Disrupt),
    e("ammunition depot", N, F::Disrupt),
    e("recover", V, F::Recover),
    e("recovery", N, F::Recover),
    e("find", V, F::Recover),
    e("discover", V, F::Recover),
    e("discovery", N, F::Recover),
    e("uncover", V, F::Recover),
    e("unearth", V, F::Recover),
    e("impound", V, F::Recover),
    e("interdict", V, F::Recover),
    e("hand in", V, F::Recover),
    e("turn in", V, F::Recover),
    e("lay down", V, F::Recover),
    e("establish", V, F::EstablishBase),
    e("set up", V, F::EstablishBase),
    e("open", V, F::EstablishBase),
    e("build", V, F::EstablishBase),
    e("construct", V, F::EstablishBase),
    e("relocate", V, F::EstablishBase),
    e("erect", V, F::EstablishBase),
    e("move", V, F::EstablishBase),
    e("destroy", V, F::Destroy),
    e("destruction", N, F::Destroy),
    e("demolish", V, F::Destroy),
    e("loot", V, F::Destroy),
    e("looting", N, F::Destroy),
    e("torch", V, F::Destroy),
    e("set fire", V, F::Destroy),
    e("set ablaze", V, F::Destroy),
    e("burn", V, F::Destroy),
    e("vandalize", V, F::Destroy),
    e("vandalise", V, F::Destroy),
    e("ransack", V, F::Destroy),
    e("plunder", V, F::Destroy),
    e("raze", V, F::Destroy),
    e("bulldoze", V, F::Destroy),
    e("arson", N, F::Destroy),
    e("arson attack", N, F::Destroy),
    // Looting and property destruction (ACLED: also seizing goods or property); the
    // everyday senses ("damaged his knee", "stole the show") are dropped outside sentences
    // about violence.
    e("damage", V, F::Destroy),
    e("vandalism", N, F::Destroy),
    e("deface", V, F::Destroy),
    e("pillage", V, F::Destroy),
    e("wreck", V, F::Destroy),
    e("set on fire", V, F::Destroy),
    e("smash", V, F::Destroy),
    e("steal", V, F::Destroy),
    // ---- protest ---------------------------------------------------------------------------
    e("protest", B, F::Protest),
    e("demonstrate", V, F::Protest),
    e("demonstration", N, F::Protest),
    e("protester", N, F::Protest),
    e("protestor", N, F::Protest),
    e("demonstrator", N, F::Protest),
    e("picket", B, F::Protest),
    e("take to the streets", V, F::Protest),
    e("stage a protest", V, F::Protest),
    e("stone pelting", N, F::Riot),
    e("stone-pelting", N, F::Riot),
    e("pelt", V, F::Riot),
    e("rally", B, F::Protest),
    e("march", V, F::Protest),
    e("sit-in", N, F::Protest),
    e("vigil", N, F::Protest),
    e("chant", V, F::Protest),
    e("hunger strike", N, F::Protest),
    e("general strike", N, F::Protest),
    e("go on strike", V, F::Protest),
    e("walkout", N, F::Protest),
    e("block roads", V, F::Protest),
    e("riot", B, F::Riot),
    e("rioting", N, F::Riot),
    e("unrest", N, F::Riot),
    e("throw stones", V, F::Riot),
    e("mob", N, F::Mob),
    e("lynch", V, F::Mob),
    e("vigilante", N, F::Mob),
    e("disperse", V, F::Disperse),
    e("tear gas", N, F::Disperse),
    e("teargas", N, F::Disperse),
    e("water cannon", N, F::Disperse),
    e("rubber bullet", N, F::Disperse),
    // ---- cooperation and diplomacy ------------------------------------------------------------
    ctl("agree", F::Agree, C::Future),
    ctl("offer", F::Agree, C::Future),
    ctl("promise", F::Agree, C::Future),
    ctl("pledge", F::Agree, C::Future),
    ctl("commit", F::Agree, C::Future),
    // "is willing to withdraw", "is ready to contribute": an offer (PLOVER AGREE).
    Entry {
        words: "willing to",
        pos: N,
        family: F::Agree,
        control: C::Future,
        weight: 1.0,
    },
    Entry {
        words: "ready to",
        pos: N,
        family: F::Agree,
        control: C::Future,
        weight: 1.0,
    },
    e("agreement", N, F::Sign),
    e("accord", N, F::Sign),
    e("ceasefire", N, F::Sign),
    e("cease-fire", N, F::Sign),
    e("truce", N, F::Sign),
    e("peace deal", N, F::Sign),
    e("peace agreement", N, F::Sign),
    e("pact", N, F::Sign),
    e("deal", N, F::Sign),
    e("prisoner exchange", N, F::Sign),
    e("prisoner swap", N, F::Sign),
    e("exchange of prisoners", N, F::Sign),
    e("swap", N, F::Sign),
    e("treaty", N, F::Sign),
    e("memorandum of understanding", N, F::Sign),
    ctl("invite", F::Agree, C::Future),
    e("invitation", N, F::Agree),
    ctl("accept", F::Agree, C::Future),
    e("sign", V, F::Sign),
    e("ratify", V, F::Sign),
    e("meet", V, F::Consult),
    e("meeting", N, F::Consult),
    e("talks", N, F::Consult),
    e("hold talks", V, F::Consult),
    e("visit", B, F::Consult),
    e("host", V, F::Consult),
    e("discuss", V, F::Consult),
    e("negotiate", V, F::Consult),
    e("negotiation", N, F::Consult),
    e("mediate", V, F::Consult),
    e("mediation", N, F::Consult),
    e("summit", N, F::Consult),
    e("consult", V, F::Consult),
    e("telephone", V, F::Consult),
    e("welcome", V, F::Consult),
    e("cooperate", V, F::Cooperate),
    e("cooperation", N, F::Cooperate),
    e("collaborate", V, F::Cooperate),
    e("share intelligence", V, F::Cooperate),
    e("share information", V, F::Cooperate),
    e("share evidence", V, F::Cooperate),
    e("share expertise", V, F::Cooperate),
    e("share technology", V, F::Cooperate),
    e("extradite", V, F::Cooperate),
    e("extradition", N, F::Cooperate),
    e("aid", B, F::Aid),
    e("assistance", N, F::Aid),
    e("grant", V, F::Aid),
    e("donate", V, F::Aid),
    e("provide", V, F::Aid),
    e("supply", V, F::Aid),
    e("send", V, F::Aid),
    e("give", V, F::Aid),
    e("asylum", N, F::Aid),
    e("lift", V, F::Concede),
    e("ease", V, F::Concede),
    e("release", B, F::Concede),
    e("free", V, F::Concede),
    e("pardon", B, F::Concede),
    e("call off", V, F::Concede),
    e("allow", V, F::Concede),
    e("concede", V, F::Concede),
    e("concession", N, F::Concede),
    e("reopen", V, F::Concede),
    e("resign", V, F::Concede),
    e("return", V, F::Concede),
    e("disarm", V, F::Concede),
    e("demobilize", V, F::Concede),
    e("demobilise", V, F::Concede),
    e("hand back", V, F::Concede),
    e("step down", V, F::Concede),
    e("relax", V, F::Concede),
    e("shorten", V, F::Concede),
    e("receive", V, F::Concede),
    ctl("demand", F::Demand, C::Future),
    ctl("call for", F::Demand, C::Future),
    ctl("urge", F::Demand, C::Future),
    ctl("appeal", F::Demand, C::Future),
    ctl("ask", F::Demand, C::Future),
    ctl("insist", F::Demand, C::Future),
    ctl("request", F::Demand, C::Future),
    ctl("press for", F::Demand, C::Future),
    ctl("pressure", F::Demand, C::Future),
    e("seek asylum", V, F::Demand),
    e("seek refuge", V, F::Demand),
    e("criticize", V, F::Disapprove),
    e("criticise", V, F::Disapprove),
    e("criticism", N, F::Disapprove),
    e("condemn", V, F::Disapprove),
    e("condemnation", N, F::Disapprove),
    e("denounce", V, F::Disapprove),
    e("accuse", V, F::Disapprove),
    e("blame", V, F::Disapprove),
    e("deplore", V, F::Disapprove),
    e("complain", V, F::Disapprove),
    e("protest against", V, F::Disapprove),
    e("charge", V, F::Disapprove),
    ctl("reject", F::Reject, C::Negated),
    ctl("refuse", F::Reject, C::Negated),
    e("deny", V, F::Reject),
    e("veto", B, F::Reject),
    e("rebuff", V, F::Reject),
    e("renege", V, F::Reject),
    e("defy", V, F::Reject),
    e("fail to reach", V, F::Reject),
    e("out of the question", N, F::Reject),
    e("turn down", V, F::Reject),
    ctl("decline", F::Reject, C::Negated),
    e("dismiss", V, F::Reject),
    e("oppose", V, F::Reject),
    e("boycott", B, F::Sanction),
    ctl("threaten", F::Threaten, C::Future),
    ctl("warn", F::Threaten, C::Future),
    ctl("vow", F::Threaten, C::Future),
    ctl("swear", F::Threaten, C::Future),
    e("ultimatum", N, F::Threaten),
    e("threat", N, F::Threaten),
    e("sanction", B, F::Sanction),
    e("embargo", B, F::Sanction),
    e("expel", V, F::Sanction),
    e("recall", V, F::Sanction),
    e("sever", V, F::Sanction),
    e("cut ties", V, F::Sanction),
    e("break off", V, F::Sanction),
    e("suspend", V, F::Sanction),
    e("freeze", V, F::Sanction),
    e("halt", V, F::Sanction),
    e("suspension", N, F::Sanction),
    e("cancel", V, F::Sanction),
    e("end", V, F::Sanction),
    e("reduce", V, F::Sanction),
    e("investigate", V, F::Investigate),
    e("investigation", N, F::Investigate),
    e("probe", B, F::Investigate),
    e("inquiry", N, F::Investigate),
    e("inspect", V, F::Investigate),
    e("inspection", N, F::Investigate),
    e("hearing", N, F::Investigate),
    e("examine", V, F::Investigate),
    e("support", B, F::Support),
    e("endorse", V, F::Support),
    e("praise", V, F::Support),
    e("commend", V, F::Support),
    e("apologize", V, F::Support),
    e("apologise", V, F::Support),
    e("recognize", V, F::Support),
    e("recognise", V, F::Support),
    e("congratulate", V, F::Support),
    e("defend", V, F::Support),
    e("upgrade", V, F::Support),
    e("establish diplomatic ties", V, F::Support),
    e("establish relations", V, F::Support),
    e("impose", V, F::Restrict),
    e("curfew", N, F::Restrict),
    e("ban", V, F::Restrict),
    e("outlaw", V, F::Restrict),
    e("prohibit", V, F::Restrict),
    e("blockade", B, F::Restrict),
    e("censor", V, F::Restrict),
    e("martial law", N, F::Restrict),
    e("state of emergency", N, F::Restrict),
    e("deport", V, F::Deport),
    e("hack", V, F::Cyber),
    e("hack into", V, F::Cyber),
    e("cyber attack", N, F::Cyber),
    e("cyberattack", N, F::Cyber),
    e("cyber-attack", N, F::Cyber),
    e("state of siege", N, F::Restrict),
    e("suspend publication", V, F::Restrict),
    e("deportation", N, F::Deport),
    e("expulsion", N, F::Deport),
    e("evict", V, F::Deport),
    e("force out", V, F::Deport),
    weak("carry out", V, F::Attack),
    weak("launch", V, F::Attack),
];

/// Irregular verb forms (base -> other forms).
const IRREGULAR: &[(&str, &[&str])] = &[
    ("shoot", &["shot"]),
    ("take", &["took", "taken"]),
    ("fight", &["fought"]),
    ("strike", &["struck", "stricken"]),
    ("hold", &["held"]),
    ("meet", &["met"]),
    ("flee", &["fled"]),
    ("withdraw", &["withdrew", "withdrawn"]),
    ("overrun", &["overran", "overrunning"]),
    ("beat", &["beaten"]),
    ("blow", &["blew", "blown"]),
    ("set", &["setting"]),
    ("send", &["sent"]),
    ("give", &["gave", "given"]),
    ("break", &["broke", "broken"]),
    ("hit", &["hitting"]),
    ("throw", &["threw", "thrown"]),
    ("seek", &["sought"]),
    ("steal", &["stole", "stolen"]),
    ("burn", &["burnt"]),
    ("freeze", &["froze", "frozen"]),
    ("forbid", &["forbade", "forbidden"]),
    ("retake", &["retook", "retaken"]),
    ("go", &["went", "gone"]),
    ("cut", &["cutting"]),
    ("shut", &["shutting"]),
    ("put", &["putting"]),
    ("ban", &["banned", "banning"]),
    ("stab", &["stabbed", "stabbing"]),
    (
        "kidnap",
        &["kidnapped", "kidnapping", "kidnaped", "kidnaping"],
    ),
    ("commit", &["committed", "committing"]),
    ("rebuff", &[]),
    ("regret", &["regretted"]),
    ("plan", &["planned", "planning"]),
    ("grab", &["grabbed", "grabbing"]),
    ("rob", &["robbed", "robbing"]),
    ("jail", &[]),
    ("veto", &["vetoes", "vetoed", "vetoing"]),
    ("outlaw", &[]),
    ("drop", &["dropped", "dropping"]),
    ("begin", &["began", "begun", "beginning"]),
    ("lead", &["led"]),
    ("win", &["won", "winning"]),
    ("bring", &["brought"]),
    ("sell", &["sold"]),
    ("slay", &["slain", "slew"]),
    ("sever", &["severed", "severing"]),
    ("offer", &["offered", "offering"]),
    ("recall", &[]),
    ("patrol", &["patrolled", "patrolling"]),
    ("travel", &["travelled"]),
    ("find", &["found"]),
    ("build", &["built"]),
    ("lay", &["laid"]),
    ("drive", &["drove", "driven"]),
    ("fall", &["fell", "fallen"]),
    ("nab", &["nabbed", "nabbing"]),
    (
        "cancel",
        &["cancelled", "cancelling", "canceled", "canceling"],
    ),
    ("swear", &["swore", "sworn"]),
    ("expel", &["expelled", "expelling"]),
    ("control", &["controlled", "controlling"]),
    // Final consonants doubled ("gunned down", "repelled", "stepped down", "stopped work").
    ("gun", &["gunned", "gunning"]),
    ("repel", &["repelled", "repelling"]),
    ("step", &["stepped", "stepping"]),
    ("stop", &["stopped", "stopping"]),
    ("split", &["splitting"]),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Inflected forms of a verb (base, -s, -ed, -ing, irregular forms).
pub fn verb_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_owned()];
    let b = base.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b'x');
    let prev = if n >= 2 { b[n - 2] } else { b'x' };
    // -s
    if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
    {
        out.push(format!("{base}es"));
    } else if last == b'y' && !is_vowel(prev) {
        out.push(format!("{}ies", &base[..n - 1]));
    } else {
        out.push(format!("{base}s"));
    }
    let irregular = IRREGULAR.iter().find(|(b, _)| *b == base);
    let has_ed = irregular.is_some_and(|(_, f)| f.iter().any(|x| x.ends_with("ed")));
    let has_ing = irregular.is_some_and(|(_, f)| f.iter().any(|x| x.ends_with("ing")));
    if !has_ed {
        if last == b'e' {
            out.push(format!("{base}d"));
        } else if last == b'y' && !is_vowel(prev) {
            out.push(format!("{}ied", &base[..n - 1]));
        } else {
            out.push(format!("{base}ed"));
        }
    }
    if !has_ing {
        if base.ends_with("ie") {
            out.push(format!("{}ying", &base[..n - 2]));
        } else if last == b'e' && prev != b'e' {
            out.push(format!("{}ing", &base[..n - 1]));
        } else {
            out.push(format!("{base}ing"));
        }
    }
    if let Some((_, forms)) = irregular {
        out.extend(forms.iter().map(|s| (*s).to_owned()));
    }
    out
}

/// Plural and singular forms of a noun.
pub fn noun_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_owned()];
    let b = base.as_bytes();
    let n = b.len();
    if base.ends_with('s') {
        return out;
    }
    if base.ends_with('x') || base.ends_with("ch") || base.ends_with("sh") {
        out.push(format!("{base}es"));
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        out.push(format!("{}ies", &base[..n - 1]));
    } else {
        out.push(format!("{base}s"));
    }
    out
}

/// A compiled lexicon: surface phrase (lower case, words joined by one space) -> entries.
///
/// Every prefix of every surface is a key too (with no entries when it is not itself a
/// surface), so a scan extending a phrase token by token stops at the first phrase that
/// starts no surface: one hash lookup per token and position instead of one per token and
/// possible phrase length.
#[derive(Debug, Clone)]
pub struct Lexicon {
    map: HashMap<String, Vec<u16>>,
    entries: Vec<Entry>,
    max_words: usize,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new(ENTRIES)
    }
}

impl Lexicon {
    /// Compiles a list of entries.
    pub fn new(entries: &[Entry]) -> Self {
        let mut map: HashMap<String, Vec<u16>> = HashMap::new();
        let mut max_words = 1;
        for (i, entry) in entries.iter().enumerate() {
            let Ok(idx) = u16::try_from(i) else { break };
            let words: Vec<&str> = entry.words.split(' ').collect();
            max_words = max_words.max(words.len());
            let mut surfaces = Vec::new();
            let (head_first, forms_of): (bool, fn(&str) -> Vec<String>) = match entry.pos {
                Pos::Verb => (true, verb_forms),
                Pos::Noun => (false, noun_forms),
                Pos::Both => (true, |w| {
                    let mut v = verb_forms(w);
                    v.extend(noun_forms(w));
                    v
                }),
            };
            let k = if head_first || words.len() == 1 {
                0
            } else {
                words.len() - 1
            };
            for form in forms_of(words[k]) {
                let mut w: Vec<String> = words.iter().map(|s| (*s).to_owned()).collect();
                w[k] = form;
                surfaces.push(w.join(" "));
                if w.len() > 1 {
                    surfaces.push(w.join("-"));
                    if entry.pos == Pos::Noun {
                        surfaces.push(w.concat());
                    }
                }
            }
            for s in surfaces {
                for (k, _) in s.char_indices().skip(1) {
                    map.entry(s[..k].to_owned()).or_default();
                }
                let v = map.entry(s).or_default();
                if !v.contains(&idx) {
                    v.push(idx);
                }
            }
        }
        Self {
            map,
            entries: entries.to_vec(),
            max_words,
        }
    }

    /// The entry with this index.
    pub fn entry(&self, idx: u16) -> Option<&Entry> {
        self.entries.get(usize::from(idx))
    }

    /// Longest phrase length in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Entries whose surface form is `phrase` (lower case, single spaces).
    pub fn lookup(&self, phrase: &str) -> &[u16] {
        self.map.get(phrase).map_or(&[], Vec::as_slice)
    }

    /// `None` when no surface starts with `phrase`, else the entries whose surface is
    /// `phrase` (empty for a proper prefix).
    pub fn prefix(&self, phrase: &str) -> Option<&[u16]> {
        self.map.get(phrase).map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let f = verb_forms("capture");
        for w in ["capture", "captures", "captured", "capturing"] {
            assert!(f.iter().any(|x| x == w), "{w} in {f:?}");
        }
        let f = verb_forms("shoot");
        assert!(f.iter().any(|x| x == "shot"));
        assert!(verb_forms("deny").iter().any(|x| x == "denied"));
        assert!(verb_forms("kidnap").iter().any(|x| x == "kidnapped"));
        assert!(verb_forms("repel").iter().any(|x| x == "repelled"));
        assert!(verb_forms("gun").iter().any(|x| x == "gunned"));
        assert_eq!(noun_forms("strike"), ["strike", "strikes"]);
    }

    #[test]
    fn phrases_have_variants() {
        let lex = Lexicon::default();
        for p in [
            "air strikes",
            "airstrikes",
            "air-strike",
            "shot down",
            "apprehended",
            "opened fire",
            "suicide bombers",
            "stationed",
        ] {
            assert!(!lex.lookup(p).is_empty(), "{p}");
        }
        assert!(lex.lookup("said").is_empty());
        // Prefixes of surfaces let a scan go on; anything else stops it.
        assert_eq!(lex.prefix("air"), Some(&[][..]));
        assert!(!lex.prefix("air strikes").unwrap_or(&[]).is_empty());
        assert!(lex.prefix("said").is_none());
    }
}
