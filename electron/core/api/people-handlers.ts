import type { ApiContext, FeatureHandlers } from './handler-types';

/** The people bylines name: looked up while typing a byline, saved with their bio. */
export function peopleHandlers(ctx: ApiContext): FeatureHandlers<'people.search' | 'people.save'> {
  const { people, sessions } = ctx;
  return {
    'people.search': (payload) => people.search(payload.query, payload.limit),
    'people.save': (payload) => {
      const person = people.save(payload);
      sessions.toAll('people.changed', {});
      return person;
    },
  };
}
