import { toolCall } from '@ragtrace/sdk';
import type { WireMessage, WireTool, WireToolCall } from '../llm/wire-types.js';

interface OrderStatus {
  readonly order_id: string;
  readonly status: 'processing' | 'shipped' | 'delivered';
  readonly carrier?: string;
  readonly expected_delivery?: string;
}

/** The order service the tool fronts; an unknown number is the realistic failure. */
const ORDERS: readonly OrderStatus[] = [
  { order_id: 'HAL-10042', status: 'shipped', carrier: 'Parcelway', expected_delivery: '2025-06-12' },
  { order_id: 'HAL-10077', status: 'delivered', carrier: 'Northpost' },
];

export class OrderNotFoundError extends Error {
  readonly code = 'ORDER_NOT_FOUND';
  readonly orderId: string;

  constructor(orderId: string) {
    super(`no order ${orderId}`);
    this.orderId = orderId;
  }
}

export const ORDER_STATUS_TOOL: WireTool = {
  type: 'function',
  function: {
    name: 'lookup_order_status',
    description: 'Look up the shipping status of a Halcyon order by its number (e.g. HAL-10042).',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string', description: 'The order number, e.g. HAL-10042' } },
      required: ['order_id'],
    },
  },
};

function lookupOrderStatus(argumentsJson: string): OrderStatus {
  const { order_id: orderId } = JSON.parse(argumentsJson) as { order_id: string };
  const order = ORDERS.find((candidate) => candidate.order_id === orderId);
  if (order === undefined) throw new OrderNotFoundError(orderId);
  return order;
}

/**
 * Runs the model's tool call inside an execute_tool span. An unknown order fails the span (that
 * is what happened) but not the conversation: the model is told, and answers accordingly.
 */
export async function runOrderStatusTool(call: WireToolCall): Promise<WireMessage> {
  const { name, description } = ORDER_STATUS_TOOL.function;
  let result: unknown;
  try {
    result = await toolCall(
      {
        name,
        description,
        callId: call.id,
        type: 'function',
        arguments: call.function.arguments,
      },
      async () => lookupOrderStatus(call.function.arguments),
    );
  } catch (error) {
    if (!(error instanceof OrderNotFoundError)) throw error;
    result = { error: error.message };
  }
  return { role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) };
}
