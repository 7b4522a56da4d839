//! Teams: CRUD by an administrator, the lead rule, membership, and what a
//! delete cleans up.

use crate::desk::{self, end_user, staff};
use crate::helpers;
use oxt_service::teams::{
    self, CreateTeamError, DeleteTeamError, GetTeamError, ListTeamsError, MemberChange,
    TeamChanges, UpdateTeamError,
};
use oxt_service::validation::Issue;
use oxt_testkit::db_test;
use oxt_ticket::ids::StaffId;

fn member(id: StaffId, alerts: bool) -> MemberChange {
    MemberChange {
        staff: Some(id),
        alerts,
    }
}

db_test!(
    a_team_is_created_with_its_lead_among_its_members_edited_and_deleted,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let seeded = desk::seed(&ctx).await;
        let admin = staff(seeded.admin);
        let (alice, bob) = (seeded.agents[0], seeded.agents[1]);

        let outsider_lead = TeamChanges {
            name: Some("Night shift".to_owned()),
            lead: Some(Some(bob)),
            ..TeamChanges::default()
        };
        let Err(CreateTeamError::Invalid(invalid)) = teams::create(
            &ctx,
            &admin,
            outsider_lead.clone(),
            vec![member(alice, true), member(StaffId::new(999), true)],
        )
        .await
        else {
            panic!("a lead outside the team and an unknown member are refused");
        };
        assert!(invalid.names("lead_id"));
        assert!(invalid.names("members[1].staff_id"));
        assert_eq!(desk::count(&db, "team", "1 = 1").await, 2);

        let created = teams::create(
            &ctx,
            &admin,
            outsider_lead,
            vec![member(alice, true), member(bob, false)],
        )
        .await
        .unwrap();
        let id = created.record.id;
        assert_eq!(created.record.fields.lead, Some(bob));
        assert!(created.record.fields.enabled && !created.record.fields.no_alerts);
        assert_eq!(created.members.len(), 2);
        assert_eq!(
            desk::column(&db, "team", "flags", &format!("team_id = {id}"), "team_id").await,
            [Some("1".to_owned())]
        );

        let Err(UpdateTeamError::Invalid(invalid)) = teams::update(
            &ctx,
            &admin,
            id,
            TeamChanges {
                name: Some("level ii support".to_owned()),
                lead: Some(Some(seeded.admin)),
                ..TeamChanges::default()
            },
        )
        .await
        else {
            panic!("a taken name and a lead outside the team are refused");
        };
        assert_eq!(invalid.0.len(), 2);
        assert!(invalid.names("name") && invalid.names("lead_id"));
        assert_eq!(invalid.0[0].issue, Issue::Taken);

        let edited = teams::update(
            &ctx,
            &admin,
            id,
            TeamChanges {
                enabled: Some(false),
                no_alerts: Some(true),
                ..TeamChanges::default()
            },
        )
        .await
        .unwrap();
        assert!(!edited.record.fields.enabled && edited.record.fields.no_alerts);
        assert_eq!(
            edited.record.fields.lead,
            Some(bob),
            "absent fields keep their value"
        );

        // Leaving the lead out of the members ends the lead, as osTicket does.
        let replaced = teams::set_members(&ctx, &admin, id, vec![member(alice, true)])
            .await
            .unwrap();
        assert_eq!(replaced.record.fields.lead, None);
        assert_eq!(
            replaced.members.iter().map(|m| m.staff).collect::<Vec<_>>(),
            [alice]
        );

        let listed = teams::list(&ctx, &staff(bob)).await.unwrap();
        assert_eq!(listed.len(), 3);
        assert!(
            listed
                .iter()
                .all(|team| team.members.iter().all(|m| m.team == team.record.id))
        );

        teams::delete(&ctx, &admin, id).await.unwrap();
        assert_eq!(
            desk::count(&db, "team_member", &format!("team_id = {id}")).await,
            0
        );
        assert!(matches!(
            teams::get(&ctx, &admin, id).await,
            Err(GetTeamError::NotFound(_))
        ));
        assert!(matches!(
            teams::delete(&ctx, &admin, id).await,
            Err(DeleteTeamError::NotFound(_))
        ));
    }
);

db_test!(
    agents_read_teams_end_users_do_not_and_only_administrators_write,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let seeded = desk::seed(&ctx).await;
        let bob = staff(seeded.agents[1]);
        let level_two = teams::get(&ctx, &bob, seeded.team).await.unwrap();
        assert_eq!(level_two.record.fields.name, "Level II Support");
        assert_eq!(level_two.members.len(), 2);
        let user = helpers::add_user(&ctx, "ann@example.com").await.get();
        assert!(matches!(
            teams::list(&ctx, &end_user(user)).await,
            Err(ListTeamsError::Access(_))
        ));
        assert!(matches!(
            teams::delete(&ctx, &bob, seeded.team).await,
            Err(DeleteTeamError::Access(_))
        ));
    }
);
