import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { readOptionalId } from '../../../shared/ids';
import { assigneeIdField, conversationLocator, teamIdField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [conversationLocator, assigneeIdField, teamIdField];

export const description = showOnlyFor('conversation', 'assign', properties);

/**
 * Chatwoot applies only assignee_id when both are sent, so the team and the agent go in two
 * requests: the team first (changing the team drops an agent who is not in it), then the agent.
 */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const node = this.getNode();
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	const assigneeId = readOptionalId.call(this, itemIndex, 'assigneeId', 'Agent', connection);
	const teamId = readOptionalId.call(this, itemIndex, 'teamId', 'Team', connection);
	if (assigneeId === undefined && teamId === undefined) {
		throw fieldError(node, itemIndex, 'Agent', 'choose an agent, a team or both to assign');
	}
	const assign = async (body: IDataObject) =>
		await conversation.request({ method: 'POST', path: '/assignments', body });
	const output: IDataObject = { conversation_id: conversation.id };
	if (teamId !== undefined) output.team = await assign({ team_id: teamId });
	if (assigneeId !== undefined) output.assignee = await assign({ assignee_id: assigneeId });
	return output;
};
