/** Every command id of the send feature (the cross-helper ones are fixed in HELPERS.md). */
export const sendCommandIds = {
  send: 'convapiLine.send',
  selectEnvironment: 'convapiLine.selectEnvironment',
  addEnvironment: 'convapiLine.addEnvironment',
  setKeySecret: 'convapiLine.setKeySecret',
  removeKeySecret: 'convapiLine.removeKeySecret',
  configureLineChannel: 'convapiLine.configureLineChannel',
  listWebhooks: 'convapiLine.listWebhooks',
  createWebhook: 'convapiLine.createWebhook',
  deleteWebhook: 'convapiLine.deleteWebhook',
  sendAgain: 'convapiLine.sentMessages.sendAgain',
  openRequest: 'convapiLine.sentMessages.openRequest',
  copyAsCurl: 'convapiLine.sentMessages.copyAsCurl',
  copyAsSdk: 'convapiLine.sentMessages.copyAsSdk',
  copyMessageId: 'convapiLine.sentMessages.copyMessageId',
  clearSent: 'convapiLine.sentMessages.clear',
  revealSent: 'convapiLine.sentMessages.reveal',
} as const;
