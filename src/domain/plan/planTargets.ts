import type { Activity, Goal, Plan, Target } from './schema';

/**
 * Who holds a success criterion: an activity (most of them), or a goal, for criteria that span
 * activities, rest on a population indicator or are a forum's assessment.
 */
export interface TargetHolder {
  kind: 'activity' | 'goal';
  id: string;
  name: string;
  /** The focus areas it belongs to; the first is where status counts it. */
  focusAreaIds: string[];
  /** The activities its figures come from when the target names none. */
  activityIds: string[];
  activity?: Activity;
  goal?: Goal;
}

export interface PlanTarget {
  /** `<holder id>/<target id>`: target ids are unique within their holder only. */
  key: string;
  target: Target;
  holder: TargetHolder;
}

export const targetKey = (holderId: string, targetId: string) => `${holderId}/${targetId}`;

export function activityHolder(activity: Activity): TargetHolder {
  return { kind: 'activity', id: activity.id, name: activity.name, focusAreaIds: activity.focusAreas, activityIds: [activity.id], activity };
}

/** Every target of the plan, the activities' first (in plan order), then the goals'. */
export function planTargets(plan: Plan): PlanTarget[] {
  const out: PlanTarget[] = [];
  for (const activity of plan.activities) {
    const holder = activityHolder(activity);
    for (const target of activity.targets) out.push({ key: targetKey(activity.id, target.id), target, holder });
  }
  for (const fa of plan.focusAreas) {
    const activityIds = plan.activities.filter((a) => a.focusAreas.includes(fa.id)).map((a) => a.id);
    for (const goal of fa.goals) {
      const holder: TargetHolder = { kind: 'goal', id: goal.id, name: goal.text, focusAreaIds: [fa.id], activityIds, goal };
      for (const target of goal.targets) out.push({ key: targetKey(goal.id, target.id), target, holder });
    }
  }
  return out;
}

export function findTarget(plan: Plan, key: string): PlanTarget | undefined {
  return planTargets(plan).find((t) => t.key === key);
}

/** The activities a target's figures come from: the ones it names, else its holder's. */
export function activitiesOf(target: Target, holder: TargetHolder): string[] {
  return 'activities' in target && target.activities ? target.activities : holder.activityIds;
}
