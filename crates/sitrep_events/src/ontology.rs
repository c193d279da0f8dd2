//! The event ontology: PLOVER event types and ACLED event / sub-event types, with the
//! CASE-2021 codes of the ACLED sub-event types.

/// ACLED sub-event types (the 25 of the ACLED codebook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AcledSub {
    /// Battles: armed clash.
    ArmedClash,
    /// Battles: government regains territory.
    GovRegainsTerritory,
    /// Battles: non-state actor overtakes territory.
    NonStateOvertakesTerritory,
    /// Explosions/Remote violence: air/drone strike.
    AirStrike,
    /// Explosions/Remote violence: shelling/artillery/missile attack.
    Shelling,
    /// Explosions/Remote violence: remote explosive/landmine/IED.
    RemoteExplosive,
    /// Explosions/Remote violence: suicide bomb.
    SuicideBomb,
    /// Explosions/Remote violence: grenade.
    Grenade,
    /// Explosions/Remote violence: chemical weapon.
    ChemicalWeapon,
    /// Violence against civilians: attack.
    Attack,
    /// Violence against civilians: abduction/forced disappearance.
    Abduction,
    /// Violence against civilians: sexual violence.
    SexualViolence,
    /// Protests: peaceful protest.
    PeacefulProtest,
    /// Protests: protest with intervention.
    ProtestWithIntervention,
    /// Protests: excessive force against protesters.
    ExcessiveForce,
    /// Riots: violent demonstration.
    ViolentDemonstration,
    /// Riots: mob violence.
    MobViolence,
    /// Strategic developments: agreement.
    Agreement,
    /// Strategic developments: arrests.
    Arrests,
    /// Strategic developments: change to group/activity.
    ChangeToGroup,
    /// Strategic developments: disrupted weapons use.
    DisruptedWeapons,
    /// Strategic developments: headquarters or base established.
    HqEstablished,
    /// Strategic developments: looting/property destruction.
    Looting,
    /// Strategic developments: non-violent transfer of territory.
    NonViolentTransfer,
    /// Strategic developments: other.
    Other,
}

impl AcledSub {
    /// Every sub-event type.
    pub const ALL: [AcledSub; 25] = [
        AcledSub::ArmedClash,
        AcledSub::GovRegainsTerritory,
        AcledSub::NonStateOvertakesTerritory,
        AcledSub::AirStrike,
        AcledSub::Shelling,
        AcledSub::RemoteExplosive,
        AcledSub::SuicideBomb,
        AcledSub::Grenade,
        AcledSub::ChemicalWeapon,
        AcledSub::Attack,
        AcledSub::Abduction,
        AcledSub::SexualViolence,
        AcledSub::PeacefulProtest,
        AcledSub::ProtestWithIntervention,
        AcledSub::ExcessiveForce,
        AcledSub::ViolentDemonstration,
        AcledSub::MobViolence,
        AcledSub::Agreement,
        AcledSub::Arrests,
        AcledSub::ChangeToGroup,
        AcledSub::DisruptedWeapons,
        AcledSub::HqEstablished,
        AcledSub::Looting,
        AcledSub::NonViolentTransfer,
        AcledSub::Other,
    ];

    /// The ACLED name of the sub-event type.
    pub const fn name(self) -> &'static str {
        match self {
            AcledSub::ArmedClash => "Armed clash",
            AcledSub::GovRegainsTerritory => "Government regains territory",
            AcledSub::NonStateOvertakesTerritory => "Non-state actor overtakes territory",
            AcledSub::AirStrike => "Air/drone strike",
            AcledSub::Shelling => "Shelling/artillery/missile attack",
            AcledSub::RemoteExplosive => "Remote explosive/landmine/IED",
            AcledSub::SuicideBomb => "Suicide bomb",
            AcledSub::Grenade => "Grenade",
            AcledSub::ChemicalWeapon => "Chemical weapon",
            AcledSub::Attack => "Attack",
            AcledSub::Abduction => "Abduction/forced disappearance",
            AcledSub::SexualViolence => "Sexual violence",
            AcledSub::PeacefulProtest => "Peaceful protest",
            AcledSub::ProtestWithIntervention => "Protest with intervention",
            AcledSub::ExcessiveForce => "Excessive force against protesters",
            AcledSub::ViolentDemonstration => "Violent demonstration",
            AcledSub::MobViolence => "Mob violence",
            AcledSub::Agreement => "Agreement",
            AcledSub::Arrests => "Arrests",
            AcledSub::ChangeToGroup => "Change to group/activity",
            AcledSub::DisruptedWeapons => "Disrupted weapons use",
            AcledSub::HqEstablished => "Headquarters or base established",
            AcledSub::Looting => "Looting/property destruction",
            AcledSub::NonViolentTransfer => "Non-violent transfer of territory",
            AcledSub::Other => "Other",
        }
    }

    /// The ACLED event type the sub-event type belongs to.
    pub const fn event_type(self) -> &'static str {
        use AcledSub::*;
        match self {
            ArmedClash | GovRegainsTerritory | NonStateOvertakesTerritory => "Battles",
            AirStrike | Shelling | RemoteExplosive | SuicideBomb | Grenade | ChemicalWeapon => {
                "Explosions/Remote violence"
            }
            Attack | Abduction | SexualViolence => "Violence against civilians",
            PeacefulProtest | ProtestWithIntervention | ExcessiveForce => "Protests",
            ViolentDemonstration | MobViolence => "Riots",
            Agreement | Arrests | ChangeToGroup | DisruptedWeapons | HqEstablished | Looting
            | NonViolentTransfer | Other => "Strategic developments",
        }
    }

    /// The CASE-2021 task 2 label of the sub-event type.
    pub const fn case_code(self) -> &'static str {
        use AcledSub::*;
        match self {
            ArmedClash => "ARMED_CLASH",
            GovRegainsTerritory => "GOV_REGAINS_TERIT",
            NonStateOvertakesTerritory => "NON_STATE_ACTOR_OVERTAKES_TER",
            AirStrike => "AIR_STRIKE",
            Shelling => "ART_MISS_ATTACK",
            RemoteExplosive => "REM_EXPLOS",
            SuicideBomb => "SUIC_BOMB",
            Grenade => "GRENADE",
            ChemicalWeapon => "CHEM_WEAP",
            Attack => "ATTACK",
            Abduction => "ABDUCT_DISSAP",
            SexualViolence => "SEX_VIOL",
            PeacefulProtest => "PEACE_PROTEST",
            ProtestWithIntervention => "PROTEST_WITH_INTER",
            ExcessiveForce => "FORCE_AGAINST_PROTEST",
            ViolentDemonstration => "VIOL_DEMONSTR",
            MobViolence => "MOB_VIOL",
            Agreement => "AGREEMENT",
            Arrests => "ARREST",
            ChangeToGroup => "CHANGE_TO_GROUP_ACT",
            DisruptedWeapons => "DISR_WEAP",
            HqEstablished => "HQ_ESTABLISHED",
            Looting => "PROPERTY_DISTRUCT",
            NonViolentTransfer => "NON_VIOL_TERRIT_TRANSFER",
            Other => "OTHER",
        }
    }

    /// The sub-event type of an ACLED name (case-insensitive) or CASE-2021 code.
    pub fn parse(s: &str) -> Option<AcledSub> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s) || t.case_code().eq_ignore_ascii_case(s))
    }

    /// How specific the type is when several events compete to be a report's main event
    /// (higher wins): weapon- and victim-specific types over generic ones.
    pub const fn specificity(self) -> u8 {
        use AcledSub::*;
        match self {
            SuicideBomb | ChemicalWeapon => 90,
            ExcessiveForce => 88,
            Grenade | SexualViolence => 85,
            AirStrike | RemoteExplosive => 80,
            ProtestWithIntervention | MobViolence => 78,
            ViolentDemonstration => 76,
            Shelling | Abduction => 75,
            GovRegainsTerritory | NonStateOvertakesTerritory => 72,
            PeacefulProtest => 70,
            DisruptedWeapons | HqEstablished | NonViolentTransfer => 65,
            Arrests => 62,
            Agreement => 60,
            Looting => 55,
            ArmedClash | Attack => 50,
            ChangeToGroup => 40,
            Other => 10,
        }
    }
}

/// The PLOVER event types (as coded in the PLOVER gold-standard records).
pub const PLOVER_TYPES: [&str; 18] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "INVESTIGATE",
    "FIGHT",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        for t in AcledSub::ALL {
            assert_eq!(AcledSub::parse(t.name()), Some(t));
            assert_eq!(AcledSub::parse(t.case_code()), Some(t));
        }
        assert_eq!(
            AcledSub::parse("air/drone STRIKE"),
            Some(AcledSub::AirStrike)
        );
        assert_eq!(AcledSub::Grenade.event_type(), "Explosions/Remote violence");
    }
}
