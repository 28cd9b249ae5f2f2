import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readId, readOptionalId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { assigneeIdField, conversationLocator, teamIdField } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [conversationLocator, assigneeIdField, teamIdField];

export const description = showOnlyFor('conversation', 'assign', properties);

/**
 * Chatwoot applies only assignee_id when both are sent, so the team and the agent go in two
 * requests: the team first (changing the team drops an agent who is not in it), then the agent.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const assigneeId = readOptionalId.call(this, itemIndex, 'assigneeId', 'Agent', connection);
	const teamId = readOptionalId.call(this, itemIndex, 'teamId', 'Team', connection);
	if (assigneeId === undefined && teamId === undefined) {
		throw fieldError(node, itemIndex, 'Agent', 'choose an agent, a team or both to assign');
	}
	const assign = async (body: IDataObject) =>
		await chatwootApiRequest.call(this, connection, {
			method: 'POST',
			path: `conversations/${conversationId}/assignments`,
			body,
			subject: `conversation ${conversationId} in account ${connection.accountId}`,
			itemIndex,
		});
	const output: IDataObject = { conversation_id: conversationId };
	if (teamId !== undefined) output.team = await assign({ team_id: teamId });
	if (assigneeId !== undefined) output.assignee = await assign({ assignee_id: assigneeId });
	return output;
}
