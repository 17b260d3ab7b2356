export interface DemoQuestion {
  readonly text: string;
  /** Whether the answer is streamed (the app shows tokens as they arrive). */
  readonly stream: boolean;
}

/** Asked under every configuration, so runs answer the same dataset. */
export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  { text: 'How do I connect the thermostat to my Wi-Fi network?', stream: true },
  { text: 'What does error code E3 mean?', stream: false },
  { text: 'Where is my order HAL-10042?', stream: false },
  { text: 'Can I still return the thermostat after 30 days?', stream: true },
  { text: 'How much energy does eco mode save?', stream: false },
  { text: 'What is the status of order HAL-10077?', stream: true },
  { text: 'Do I need a C-wire to install Halcyon?', stream: false },
  { text: 'My order HAL-99999 never arrived, what happened?', stream: false },
];
