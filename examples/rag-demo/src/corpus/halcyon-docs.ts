/**
 * The demo's knowledge base: support documentation for Halcyon, a fictional smart thermostat.
 * Short paragraphs, each a retrievable passage, written for this demo.
 */

export interface CorpusDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export const HALCYON_DOCS: readonly CorpusDocument[] = [
  {
    id: 'setup-wifi',
    title: 'Connecting to Wi-Fi',
    text: 'To connect the Halcyon thermostat to Wi-Fi, open the Halcyon app, tap Add Device and hold the dial for five seconds until the ring pulses blue. The thermostat supports 2.4 GHz networks only; 5 GHz-only networks will not appear in the list.',
  },
  {
    id: 'setup-wiring',
    title: 'Wiring the base plate',
    text: 'Turn off power to your heating and cooling system at the breaker before removing the old thermostat. Label each wire with the stickers in the box, then insert them into the matching terminals on the Halcyon base plate until the latch clicks.',
  },
  {
    id: 'c-wire',
    title: 'Do I need a C-wire?',
    text: 'Halcyon works without a C-wire on most systems because it charges its battery from the heating circuit. If your system is heat pump only or the display dims repeatedly, install the included power adapter to provide a common wire.',
  },
  {
    id: 'compatibility',
    title: 'System compatibility',
    text: 'Halcyon is compatible with 24 V forced-air, radiant, heat pump and dual-fuel systems. It does not support line-voltage (120 V or 240 V) baseboard heaters; check the label on your current thermostat before buying.',
  },
  {
    id: 'schedules',
    title: 'Creating schedules',
    text: 'Schedules are set per day in the app under Comfort, Schedule. Each day can hold up to eight temperature changes, and you can copy a day to the rest of the week with the Copy button.',
  },
  {
    id: 'eco-mode',
    title: 'How eco mode saves energy',
    text: 'Eco mode widens the temperature range Halcyon allows while nobody is home, for example 16 °C to 28 °C, so the system runs less often. Most homes save 8 to 12 percent on heating and cooling energy with eco mode turned on.',
  },
  {
    id: 'geofencing',
    title: 'Home and away with geofencing',
    text: 'Geofencing uses the location of phones signed in to the Halcyon app to switch to eco mode when everyone leaves and back to comfort when the first person returns. Location is checked on the phone; Halcyon only receives home or away.',
  },
  {
    id: 'error-e1',
    title: 'Error code E1',
    text: 'Error E1 means the thermostat lost power from the heating system. Check the breaker and the R wire, then press the dial to clear the error.',
  },
  {
    id: 'error-e2',
    title: 'Error code E2',
    text: 'Error E2 means the Wi-Fi password was rejected. Re-enter the password in the app; passwords are case-sensitive and must be under 64 characters.',
  },
  {
    id: 'error-e3',
    title: 'Error code E3',
    text: 'Error E3 means the temperature sensor reading is out of range, usually because the thermostat sits in direct sunlight or above a heat source. Move it to an interior wall about 1.5 metres above the floor; if E3 persists, contact support for a replacement.',
  },
  {
    id: 'error-e4',
    title: 'Error code E4',
    text: 'Error E4 means the battery is below 3.6 V. Leave the thermostat on its base plate for two hours to recharge, or install the power adapter if the error returns.',
  },
  {
    id: 'firmware',
    title: 'Firmware updates',
    text: 'Firmware updates install automatically between 2 am and 4 am local time. You can check the installed version in the app under Device, About, and trigger an update manually with Check for Updates.',
  },
  {
    id: 'warranty',
    title: 'Warranty',
    text: 'Every Halcyon thermostat has a two-year limited warranty covering defects in materials and workmanship. Damage from incorrect wiring or line-voltage systems is not covered.',
  },
  {
    id: 'returns',
    title: 'Returns and refunds',
    text: 'You can return a Halcyon thermostat within 30 days of delivery for a full refund. After 30 days, returns are accepted only for defective units under warranty, which are replaced rather than refunded.',
  },
  {
    id: 'shipping',
    title: 'Shipping times',
    text: 'Orders ship from our warehouse within one business day. Standard delivery takes three to five business days; express delivery takes one to two business days and is available at checkout.',
  },
  {
    id: 'order-tracking',
    title: 'Tracking an order',
    text: 'Order numbers look like HAL-10042 and appear in your confirmation email. The support assistant can look up the status of an order from its number, including the carrier and the expected delivery date.',
  },
  {
    id: 'multi-zone',
    title: 'Multiple zones',
    text: 'Homes with several heating zones need one Halcyon thermostat per zone. Add each one to the same home in the app and they share schedules, eco mode and geofencing.',
  },
  {
    id: 'sharing',
    title: 'Sharing access',
    text: 'Invite family members under Home, People. Members can change the temperature and schedules; only the owner can remove devices or delete the home.',
  },
  {
    id: 'voice',
    title: 'Voice assistants',
    text: 'Halcyon works with the major voice assistants. Link your Halcyon account in the assistant app, then say for example set the thermostat to 21 degrees.',
  },
  {
    id: 'energy-reports',
    title: 'Monthly energy reports',
    text: 'On the first day of each month the app shows an energy report comparing your heating and cooling hours with the previous month and with similar homes nearby.',
  },
  {
    id: 'privacy',
    title: 'Privacy and data retention',
    text: 'Halcyon stores temperature history for 24 months to power energy reports. You can download or delete your data at any time from Account, Privacy; deletion is completed within 30 days.',
  },
  {
    id: 'halcyon-plus',
    title: 'Halcyon Plus subscription',
    text: 'Halcyon Plus costs 3 euros per month and adds filter reminders based on runtime, 10 years of temperature history and priority support. The thermostat works fully without a subscription.',
  },
  {
    id: 'filters',
    title: 'Filter reminders',
    text: 'With Halcyon Plus, the app reminds you to change the air filter after 300 hours of fan runtime. You can change the interval under Maintenance, Filter.',
  },
  {
    id: 'factory-reset',
    title: 'Factory reset',
    text: 'To factory reset, press and hold the dial for 20 seconds until the display shows RESET, then turn the dial to confirm. A reset removes Wi-Fi settings and schedules but keeps the device registered to your account.',
  },
];
