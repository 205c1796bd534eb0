/** The attack stories woven into the sample data: plan, rows and answer key. */
import { alertRows } from './alerts.ts';
import type { StoryRow } from './cells.ts';
import { endpointRows } from './endpoint.ts';
import { identityRows } from './identity.ts';
import { beaconRows, indicatorRows } from './network.ts';
import type { StoryPlan } from './plan.ts';

export { planStories, type StoryPlan } from './plan.ts';
export { insertStoryRowsSql, type StoryRow, type Cell } from './cells.ts';
export { sampleAnswerKey, answerKeyOf, STORY_IDS, STORY_QUERIES, type AnswerKey, type StoryAnswer, type StoryEntity, type EntityType } from './answers.ts';

/** Stories need this much data before `end` (they use the last two days, or the whole window when shorter). */
export const MIN_STORY_DAYS = 1;

/** Every story row, grouped by nothing: callers group by table. */
export function storyRows(plan: StoryPlan): StoryRow[] {
  return [...identityRows(plan), ...endpointRows(plan), ...beaconRows(plan), ...indicatorRows(plan), ...alertRows(plan)];
}
