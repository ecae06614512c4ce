export { createDispatcher, type DispatcherOptions } from './dispatcher';
export { httpRequest, NetworkError, type HttpRequest, type HttpResponse, type NetworkFailureKind } from './request';
export { assertAllowedUrl, isLoopbackHost, urlRefusal, UrlRefusedError } from './urlPolicy';
